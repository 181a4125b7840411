import Testing
import Corpus
@testable import Extraction

@Suite struct GazetteerTests {
    static let lists = [
        "loc.txt": "# places\nسورية\nدمشق\nريف دمشق\nالولايات المتحدة\nالولايات المتحدة الأمريكية\n====\n",
        "org.txt": "الأمم المتحدة\nمجلس الأمن\nمجلس الأمن الدولي\n",
        "per.txt": "سيرغي لافروف\n",
    ]

    func gazetteer(clitics: Bool) throws -> Extractor {
        try extractor(config: """
            description: test gazetteer
            stages:
              - kind: gazetteer
                clitics: \(clitics)
                lists:
                  LOC: loc.txt
                  ORG: org.txt
                  PER: [per.txt]
            """, files: Self.lists)
    }

    @Test func longestMatchWins() throws {
        let g = try gazetteer(clitics: false)
        #expect(found(g, "وصل إلى ريف دمشق ثم دمشق") == ["ريف دمشق:LOC", "دمشق:LOC"])
        #expect(found(g, "قرار مجلس الأمن الدولي أمس") == ["مجلس الأمن الدولي:ORG"])
        #expect(found(g, "الولايات المتحدة الأمريكية والولايات") == ["الولايات المتحدة الأمريكية:LOC"])
        #expect(found(g, "قال سيرغي لافروف") == ["سيرغي لافروف:PER"])
    }

    @Test func matchingIsOverNormalizedForms() throws {
        let g = try gazetteer(clitics: false)
        // Alef, teh marbuta and diacritics differ from the list's spelling.
        #expect(found(g, "في سوريه والامم") == ["سوريه:LOC"])
        #expect(found(g, "الأُمَم المتّحدة") == ["الأُمَم المتّحدة:ORG"])
    }

    @Test func cliticsOnlyWhenAskedAndOnlyOnTheFirstWord() throws {
        let plain = try gazetteer(clitics: false)
        #expect(found(plain, "وسورية بدمشق للأمم المتحدة") == [])
        let clitic = try gazetteer(clitics: true)
        #expect(found(clitic, "وسورية بدمشق للأمم المتحدة") == ["وسورية:LOC", "بدمشق:LOC", "للأمم المتحدة:ORG"])
        // Spans cover whole tokens from their first character, clitics included.
        let spans = clitic.extract(Document(id: "d", text: "زار وسورية"))
        #expect(spans.map { [$0.start, $0.end] } == [[4, 10]])
        // A later word does not match through a clitic.
        #expect(found(clitic, "ريف ودمشق") == ["ودمشق:LOC"])
    }

    @Test func matchesStayInsideSentences() throws {
        let g = try gazetteer(clitics: false)
        #expect(found(g, "ريف.\nدمشق") == ["دمشق:LOC"])
    }

    @Test func membershipMarksBeginAndInside() throws {
        let g = try gazetteer(clitics: true)
        let a = g.analyze(Document(id: "d", text: "إلى ريف دمشق وسورية"))
        let layer = a.gazetteerLayers[0]
        let loc = layer.types.firstIndex(of: "LOC")!
        #expect(layer.membership.map { $0.begins(typeIndex: loc) } == [false, true, false, true])
        #expect(layer.membership.map { $0.inside(typeIndex: loc) } == [false, false, true, false])
        #expect(layer.matches.map(\.throughClitic) == [false, true])
        #expect(a.token(3).gazetteerMembership().begins(typeIndex: loc))
    }

    @Test func externalListsWithRulersAndFoldersLoad() throws {
        let g = try extractor(config: """
            description: folder lists
            stages:
              - kind: gazetteer
                lists:
                  LOC: places
                exclude: noise.txt
            """, files: ["places/a/data": "====\nحلب\nاليوم\n", "places/b.txt": "حمص\n", "places/README.md": "حماة\n", "noise.txt": "اليوم\n"])
        #expect(found(g, "حلب وحمص وحماة اليوم") == ["حلب:LOC"])
        #expect(g.gazetteers[0].entryCount == 2)
    }

    @Test func trieStepsByWord() {
        var trie = PhraseTrie()
        trie.insert([1, 2, 3], label: 0)
        trie.insert([1, 2], label: 1)
        let a = trie.child(PhraseTrie.root, 1)!
        let b = trie.child(a, 2)!
        #expect(trie.labels[Int(b)].members == [1])
        #expect(trie.labels[Int(trie.child(b, 3)!)].members == [0])
        #expect(trie.child(a, 3) == nil)
        #expect(trie.child(PhraseTrie.root, WordID.unknown) == nil)
        #expect(trie.maximumLength == 3)
    }

    @Test func vocabularyInternsAndVerifies() {
        var v = Vocabulary()
        let a = v.intern(Array("حلب".unicodeScalars))
        let b = v.intern(Array("دمشق".unicodeScalars))
        #expect(v.intern(Array("حلب".unicodeScalars)) == a)
        #expect(a != b)
        #expect(v.id(of: Array("لب".unicodeScalars), prefix: "ح") == a)
        #expect(v.id(of: Array("حل".unicodeScalars)) == nil)
        #expect(v.word(b) == "دمشق")
    }
}
