import Testing
@testable import Corpus

/// Decoding tag sequences into entities, scheme by scheme and policy by policy.
/// The expected entities are what seqeval 1.2.2 gives: `get_entities` (default
/// mode, conlleval's rules) for `.begin`, `Entities(..., scheme=...)` (strict
/// mode) for `.discard`.
@Suite struct TagDecodingTests {
    func entities(_ tags: [String], _ scheme: TagScheme = .iob2, _ policy: InvalidTagPolicy = .begin) throws -> [String] {
        try scheme.decode(tags, policy: policy).entities.map { "\($0.type) \($0.first)-\($0.last)" }
    }

    @Test func iob2ValidSequence() throws {
        #expect(try entities(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]) == ["PER 0-1", "LOC 3-3", "LOC 4-5"])
    }

    @Test func insideAfterOutsideStartsOrIsDropped() throws {
        let tags = ["O", "I-PER", "I-PER", "O"]
        #expect(try entities(tags, .iob2, .begin) == ["PER 1-2"])
        #expect(try entities(tags, .iob2, .discard) == [])
        let violations = try TagScheme.iob2.decode(tags, policy: .begin).violations
        #expect(violations == [TagViolation(kind: .continuationWithoutBegin, index: 1)])
    }

    @Test func typeSwitchInsideAnEntity() throws {
        let tags = ["B-PER", "I-PER", "I-LOC", "I-LOC"]
        #expect(try entities(tags, .iob2, .begin) == ["PER 0-1", "LOC 2-3"])
        #expect(try entities(tags, .iob2, .discard) == ["PER 0-1"])
        #expect(try TagScheme.iob2.decode(tags, policy: .begin).violations.map(\.kind) == [.typeSwitch])
    }

    @Test func errorPolicyStopsAtTheFirstViolation() {
        #expect(throws: TagSequenceError.self) { try TagScheme.iob2.decode(["O", "I-PER"], policy: .error) }
        do {
            _ = try TagScheme.iob2.decode(["B-PER", "O", "I-ORG"], policy: .error)
            Issue.record("no error")
        } catch let error as TagSequenceError {
            #expect(error.violation == TagViolation(kind: .continuationWithoutBegin, index: 2))
            #expect(error.message.contains("I-ORG after O"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func iobesSingletonsAndEndFollowedByBegin() throws {
        #expect(try entities(["S-PER", "O", "S-LOC", "S-LOC"], .iobes, .discard) == ["PER 0-0", "LOC 2-2", "LOC 3-3"])
        #expect(try entities(["B-PER", "E-PER", "B-PER", "E-PER"], .iobes, .discard) == ["PER 0-1", "PER 2-3"])
        #expect(try entities(["B-PER", "I-PER", "E-PER", "B-LOC", "E-LOC"], .iobes, .begin) == ["PER 0-2", "LOC 3-4"])
    }

    @Test func iobesUnterminatedAndOrphans() throws {
        // seqeval default: B-PER I-PER O -> PER 0-1; strict: nothing.
        #expect(try entities(["B-PER", "I-PER", "O"], .iobes, .begin) == ["PER 0-1"])
        #expect(try entities(["B-PER", "I-PER", "O"], .iobes, .discard) == [])
        // An orphan E- is a one-token entity under begin (seqeval default), nothing under discard.
        #expect(try entities(["O", "E-PER", "O"], .iobes, .begin) == ["PER 1-1"])
        #expect(try entities(["O", "E-PER", "O"], .iobes, .discard) == [])
        // A continuation after a closed entity.
        #expect(try entities(["B-PER", "E-PER", "I-PER", "E-PER"], .iobes, .begin) == ["PER 0-1", "PER 2-3"])
        #expect(try entities(["B-PER", "E-PER", "I-PER", "E-PER"], .iobes, .discard) == ["PER 0-1"])
        // An unterminated entity at the end of the sentence.
        #expect(try TagScheme.iobes.decode(["B-PER", "I-PER"], policy: .begin).violations == [TagViolation(kind: .unterminated, index: 2)])
    }

    @Test func bilouUnterminated() throws {
        let tags = ["B-PER", "I-PER", "O", "U-LOC", "B-ORG", "L-ORG"]
        #expect(try entities(tags, .bilou, .begin) == ["PER 0-1", "LOC 3-3", "ORG 4-5"])
        #expect(try entities(tags, .bilou, .discard) == ["LOC 3-3", "ORG 4-5"])
        #expect(throws: TagSequenceError.self) { try TagScheme.bilou.decode(tags, policy: .error) }
    }

    @Test func iob1() throws {
        // I- starts entities; B- separates two adjacent entities of one type.
        #expect(try entities(["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"], .iob1, .discard) == ["PER 0-1", "PER 2-2", "LOC 4-4", "ORG 5-5"])
        // B- after O is not IOB1: kept under begin (conlleval), dropped under discard.
        #expect(try entities(["O", "B-PER", "I-PER"], .iob1, .begin) == ["PER 1-2"])
        #expect(try entities(["O", "B-PER", "I-PER"], .iob1, .discard) == ["PER 2-2"])
        #expect(try TagScheme.iob1.decode(["O", "B-PER"], policy: .begin).violations.map(\.kind) == [.misplacedBegin])
    }

    @Test func tagsOutsideTheSchemeAreErrors() {
        #expect(throws: MalformedTagError.self) { try TagScheme.iob2.decode(["S-PER"], policy: .begin) }
        #expect(throws: MalformedTagError.self) { try TagScheme.iob2.decode(["PER"], policy: .begin) }
        #expect(throws: MalformedTagError.self) { try TagScheme.iob2.decode(["B-"], policy: .begin) }
        #expect(throws: MalformedTagError.self) { try TagScheme.iobes.decode(["L-PER"], policy: .begin) }
        #expect((try? TagScheme.iob2.parse("B-NORP-X"))?.type == "NORP-X")
    }
}
