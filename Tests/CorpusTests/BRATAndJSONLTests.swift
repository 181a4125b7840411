import Testing
@testable import Corpus

@Suite struct BRATTests {
    let text = "قال سيرغي لافروف في جنيف"

    @Test func offsetsAreScalarOffsets() throws {
        let ann = "T1\tPER 4 16\tسيرغي لافروف\n#1\tAnnotatorNotes T1\tnote\nT2\tLOC 20 24\tجنيف\n"
        let entities = try BRAT.parseAnnotations(ann, text: text, file: "a.ann")
        #expect(entities.map(\.text) == ["سيرغي لافروف", "جنيف"])
        #expect(BRAT.renderAnnotations(entities) == "T1\tPER 4 16\tسيرغي لافروف\nT2\tLOC 20 24\tجنيف\n")
    }

    @Test func combiningMarksCountAsScalars() throws {
        // "سُورية": the damma is its own scalar, so the name ends at 6, not 5.
        let entities = try BRAT.parseAnnotations("T1\tLOC 0 6\tسُورية\n", text: "سُورية اليوم", file: "a.ann")
        #expect(entities[0].end == 6)
    }

    @Test(arguments: [
        ("T1\tPER 4 99\tx\n", "a.ann:1: span 4-99 is outside the text (24 characters)"),
        ("T1\tPER 4 16\tلافروف\n", "a.ann:1: text \"لافروف\" does not match the text at 4-16: \"سيرغي لافروف\""),
        ("T1\tPER 4 9;10 16\tx\n", "a.ann:1: discontinuous span \"PER 4 9;10 16\" is not supported"),
        ("T1\tPER 4 16\tسيرغي لافروف\nT1\tLOC 20 24\tجنيف\n", "a.ann:2: duplicate annotation id T1"),
        ("T1\tPER four 16\tx\n", "a.ann:1: expected `TYPE START END`, found \"PER four 16\""),
    ])
    func badAnnotationsNameTheLine(ann: String, message: String) {
        do {
            _ = try BRAT.parseAnnotations(ann, text: text, file: "a.ann")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == message)
        }
    }
}

@Suite struct JSONLTests {
    @Test func roundTrip() throws {
        let line = #"{"id":"d1","text":"زار ماكرون بيروت","entities":[{"start":4,"end":10,"type":"PER"},{"start":11,"end":16,"type":"LOC","text":"بيروت"}]}"#
        let docs = try JSONL.parse(line + "\n", file: "x.jsonl")
        #expect(docs[0].entities.map(\.text) == ["ماكرون", "بيروت"])
        let again = try JSONL.parse(try JSONL.render(docs), file: "y.jsonl")
        #expect(again == docs)
    }

    @Test func duplicateIdsAndBadSpansAreErrors() {
        let dup = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n"
        #expect(throws: InputError(file: "f", line: 2, "duplicate document id \"a\" (first on line 1)")) { try JSONL.parse(dup, file: "f") }
        let bad = "{\"id\":\"a\",\"text\":\"xy\",\"entities\":[{\"start\":1,\"end\":5,\"type\":\"PER\"}]}\n"
        #expect(throws: InputError(file: "f", line: 1, "entity 1 span 1-5 is empty or outside the text (2 characters)")) { try JSONL.parse(bad, file: "f") }
    }
}

@Suite struct TextFileTests {
    @Test func invalidUTF8NamesLineAndColumn() {
        let data = Data([0x61, 0x0A, 0x62, 0x63, 0xFF, 0x0A])
        #expect(throws: InputError(file: "bad.txt", line: 2, "invalid UTF-8 at byte column 3")) { try TextFile.decode(data, file: "bad.txt") }
    }
}

import Foundation
