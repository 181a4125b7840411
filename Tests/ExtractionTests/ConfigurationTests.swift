import Testing
import Corpus
@testable import Extraction

@Suite struct ConfigurationTests {
    let list = ["loc.txt": "حلب\n"]

    @Test func unknownStageIsNamed() {
        let e = configurationError("description: x\nstages:\n  - kind: magic\n")
        #expect(e?.key == "stages[0].kind")
        #expect(e?.reason.contains("unknown stage \"magic\"") == true)
        #expect(e?.reason.contains("gazetteer, perceptron, rules") == true)
        #expect(e?.line == 3)
        #expect(e?.file.hasSuffix("config.yaml") == true)
    }

    @Test func missingResourceIsNamed() {
        let e = configurationError("description: x\nstages:\n  - kind: gazetteer\n    lists:\n      LOC: nowhere.txt\n")
        #expect(e?.key == "stages[0].lists.LOC")
        #expect(e?.reason.contains("no such file or folder: nowhere.txt") == true)
        let r = configurationError("description: x\nstages:\n  - kind: rules\n    rules: none.rules\n")
        #expect(r?.key == "stages[0].rules")
    }

    @Test func badOptionsAreNamed() {
        let unknown = configurationError("description: x\nstages:\n  - kind: gazetteer\n    lists: {LOC: loc.txt}\n    clitic: true\n", files: list)
        #expect(unknown?.key == "stages[0].clitic")
        #expect(unknown?.reason.contains("unknown option") == true)
        let badBool = configurationError("description: x\nstages:\n  - kind: gazetteer\n    lists: {LOC: loc.txt}\n    clitics: maybe\n", files: list)
        #expect(badBool?.key == "stages[0].clitics")
        #expect(badBool?.reason.contains("expected true or false") == true)
        let badMerge = configurationError("description: x\nmerge: widest\nstages:\n  - kind: gazetteer\n    lists: {LOC: loc.txt}\n", files: list)
        #expect(badMerge?.key == "merge")
        let badStep = configurationError("description: x\nnormalization: {hamza: true}\nstages:\n  - kind: gazetteer\n    lists: {LOC: loc.txt}\n", files: list)
        #expect(badStep?.key == "normalization.hamza")
        let noLists = configurationError("description: x\nstages:\n  - kind: gazetteer\n")
        #expect(noLists?.key == "stages[0].lists")
        let badTypes = configurationError("description: x\nstages:\n  - kind: rules\n    rules: r.rules\n    types: [PER]\n", files: ["r.rules": "rule a LOC: [WORD]\n"])
        #expect(badTypes?.key == "stages[0].types")
    }

    @Test func topLevelProblemsAreNamed() {
        #expect(configurationError("stages:\n  - kind: gazetteer\n")?.key == "description")
        #expect(configurationError("description: x\n")?.key == "stages")
        #expect(configurationError("description: x\nstages: []\n")?.key == "stages")
        #expect(configurationError("description: x\nstagez: []\n")?.key == "stagez")
        #expect(configurationError("description: [unclosed\n")?.reason.contains("not valid YAML") == true)
    }

    @Test func unusedParametersAreErrors() throws {
        let dir = try scratchFolder(["c.yaml": "description: x\nstages:\n  - kind: gazetteer\n    lists: {LOC: loc.txt}\n", "loc.txt": "حلب\n"])
        #expect(throws: ConfigurationError.self) { try Configuration.load(path: dir + "/c.yaml", parameters: ["model": "m.bin"]) }
    }

    @Test func registryTakesNewKinds() throws {
        struct EveryToken: ExtractionStage, StageFactory {
            static let kind = "every-token"
            static let summary = "test"
            static func makeStage(options: StageOptions, builder: ExtractorBuilder) throws -> any ExtractionStage {
                try options.finish(known: ["kind"])
                return EveryToken()
            }
            func propose(in document: AnalyzedDocument, into proposals: inout [Proposal]) {
                for t in 0..<document.tokenCount { proposals.append(Proposal(firstToken: t, endToken: t + 1, type: "MISC")) }
            }
        }
        var registry = StageRegistry.standard
        registry.register(EveryToken.self)
        let dir = try scratchFolder(["c.yaml": "description: x\nstages:\n  - kind: every-token\n"])
        let e = try Configuration.load(path: dir + "/c.yaml", registry: registry)
        #expect(e.extract(Document(id: "d", text: "أ ب")).count == 2)
    }

    @Test func everyShippedConfigurationLoads() throws {
        for name in ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules"] {
            let e = try Configuration.load(path: "\(packageRoot)/configs/\(name).yaml")
            #expect(!e.summary.isEmpty && !e.summary.contains("\n"))
        }
    }
}
