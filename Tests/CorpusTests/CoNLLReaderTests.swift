import Testing
@testable import Corpus

@Suite struct CoNLLReaderTests {
    @Test func readsSentencesDocumentsAndLines() throws {
        let text = "-DOCSTART- O\n\nقال O\nلافروف B-PER\n\nفي O\tx\tB-LOC\n-DOCSTART- O\nجنيف B-LOC\n"
        let docs = try CoNLLReader().parse(text, file: "t.conll")
        #expect(docs.map(\.id) == ["t#1", "t#2"])
        #expect(docs[0].sentences.count == 2)
        #expect(docs[0].sentences[0].tokens.map(\.text) == ["قال", "لافروف"])
        #expect(docs[0].sentences[1].tokens[0].tags == ["B-LOC"])
        #expect(docs[0].sentences[1].tokens[0].line == 6)
        #expect(docs[1].sentences[0].tokens[0].line == 8)
    }

    @Test func conllevalKeepsTwoTagColumns() throws {
        let docs = try CoNLLReader(tagColumns: 2).parse("a NN B-PER I-PER\nb NN O O\n", file: "f")
        #expect(docs[0].sentences[0].tokens[0].tags == ["B-PER", "I-PER"])
        #expect(docs[0].id == "f")
    }

    @Test func missingTagNamesFileAndLine() {
        #expect(throws: InputError(file: "g.txt", line: 2, "expected a token and a tag, found 1 field: \"x\"")) {
            try CoNLLReader().parse("a O\nx\n", file: "g.txt")
        }
    }

    @Test func documentTextJoinsTokensWithSpaces() throws {
        let docs = try CoNLLReader().parse("وسورية B-LOC\nو O\n\n2024 O\n", file: "f")
        let doc = docs[0].makeDocument()
        #expect(doc.text == "وسورية و\n2024")
        #expect(doc.tokens == [TokenSpan(start: 0, end: 6), TokenSpan(start: 7, end: 8), TokenSpan(start: 9, end: 13)])
        #expect(doc.sentenceStarts == [0, 2])
    }
}

@Suite struct TokenProjectionTests {
    let tokens = [TokenSpan(start: 0, end: 3), TokenSpan(start: 4, end: 9), TokenSpan(start: 10, end: 12)]

    @Test func overlappingTokensBelongToEntity() {
        let e = EntitySpan(start: 5, end: 11, type: "LOC")
        #expect(TokenProjection.tokenRanges(of: [e], tokens: tokens) == [1...2])
        #expect(TokenProjection.bioTags(for: [e], tokens: tokens) == ["O", "B-LOC", "I-LOC"])
    }

    @Test func earlierEntityKeepsContestedToken() {
        let a = EntitySpan(start: 0, end: 5, type: "PER"), b = EntitySpan(start: 4, end: 12, type: "ORG")
        #expect(TokenProjection.bioTags(for: [b, a], tokens: tokens) == ["B-PER", "I-PER", "O"])
    }

    @Test func entityBetweenTokensIsUnaligned() {
        let doc = Document(id: "d", text: "abc defgh ij", tokens: tokens)
        let (snapped, unaligned) = TokenProjection.snapToTokens([EntitySpan(start: 3, end: 4, type: "X"), EntitySpan(start: 5, end: 6, type: "Y")], in: doc)
        #expect(unaligned.count == 1)
        #expect(snapped == [EntitySpan(start: 4, end: 9, type: "Y", text: "defgh")])
    }
}
