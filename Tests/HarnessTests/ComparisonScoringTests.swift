import Corpus
import Extraction
import Foundation
@testable import Harness
import Scoring
import Testing

/// The numbers of a comparison are the `Scorer`'s numbers on the same predictions.
@Suite("Comparison scoring")
struct ComparisonScoringTests {
    /// Predictions as `mizan extract --types` makes them, scored by the Scorer alone.
    func independentScore(config: String, data: EvaluationData, options: ScoringOptions) throws -> ScoreResult {
        var extractor = try Configuration.load(path: config)
        extractor.outputTypes = options.types
        let predicted = data.documents.map { AnnotatedDocument(document: $0.document, entities: extractor.extract($0.document)) }
        return try Scorer(options).score(gold: data.documents, predicted: predicted)
    }

    func expectSame(_ c: CompetitorResults, _ expected: ScoreResult) {
        for scheme in ComparisonScheme.allCases {
            let s = c.scores(scheme)
            let averages = scheme.semeval.map { expected.semevalAverages($0) } ?? expected.conllAverages()
            #expect(s.overall.f1 == averages.micro.f1, "\(c.name) \(scheme) micro F1")
            #expect(s.overall.precision == averages.micro.precision)
            #expect(s.overall.recall == averages.micro.recall)
            #expect(s.macro.f1 == averages.macro.f1, "\(c.name) \(scheme) macro F1")
            #expect(s.weighted.f1 == averages.weighted.f1, "\(c.name) \(scheme) weighted F1")
            #expect(s.types.map(\.type) == expected.types.map(\.name))
            for (t, figures) in s.types.enumerated() {
                if let semeval = scheme.semeval {
                    #expect(figures.outcomes == expected.total.semevalRows(semeval)[t], "\(c.name) \(scheme) \(figures.type ?? "")")
                } else {
                    #expect(figures.counts == expected.total.conll[t], "\(c.name) \(figures.type ?? "")")
                }
            }
        }
        #expect(c.errorKinds == expected.total.boundaryOverall)
        #expect(c.errors.count == expected.falsePositives + expected.falseNegatives)
        let n = expected.types.count
        for g in 0...n {
            for p in 0...n {
                #expect(c.confusion[g][p] == expected.total.confusion[gold: g == n ? nil : g, predicted: p == n ? nil : p])
            }
        }
    }

    @Test("every scheme, type and average equals the Scorer's on the same predictions")
    func equalsScorer() throws {
        let folder = try ComparisonFixture.folder()
        let data = ComparisonFixture.data()
        let results = try Comparison(settings: ComparisonFixture.settings()).run(
            data: data, competitors: [.configuration(path: folder + "/configs/weak.yaml"), .configuration(path: folder + "/configs/strong.yaml")],
            context: ComparisonFixture.context)
        #expect(results.settings.types == ["LOC", "ORG", "PER"])
        let options = ScoringOptions(types: ["LOC", "ORG", "PER"], errorLimit: Int.max)
        for c in results.competitors {
            expectSame(c, try independentScore(config: c.path, data: data, options: options))
        }
        // The weak configuration finds no person: recall 0 on PER, the strong one finds them all.
        #expect(results.competitor(named: "weak")!.scores(.conll).type("PER")!.recall == 0)
        #expect(results.competitor(named: "strong")!.scores(.conll).type("PER")!.recall == 1)
        #expect(results.competitor(named: "strong")!.scores(.conll).type("ORG")!.recall == 0)
    }

    @Test("a single CoNLL document: the numbers of `mizan score` on the written predictions, resampled by sentence")
    func conllAgreesWithScoreCommand() throws {
        let folder = try ComparisonFixture.folder(extra: ["test.txt": ComparisonFixture.conllText(sentences: 60)])
        let path = folder + "/test.txt"
        let data = try EvaluationData.read(path: path, format: .conll)
        #expect(data.documents.count == 1)
        #expect(data.sentences == 60)
        var settings = ComparisonFixture.settings()
        settings.typeMap = ["PERS": "PER"]
        let configs = ["weak", "strong"].map { folder + "/configs/\($0).yaml" }
        let results = try Comparison(settings: settings).run(data: data, competitors: configs.map { .configuration(path: $0) },
                                                             context: ComparisonFixture.context)
        #expect(results.data.bootstrapUnit == .sentence)
        #expect(results.data.units.count == 60)
        #expect(results.data.units.first == "test#s1")
        #expect(results.notes.contains { $0.contains("resample its 60 sentences") })
        // Sentences, accuracy, type map and error lines survive results.json.
        #expect(try ComparisonResults.decode(results.jsonData()) == results)
        #expect(results.competitors.flatMap(\.errors).allSatisfy { $0.line != nil })

        for (config, c) in zip(configs, results.competitors) {
            // What `mizan extract --output-format conll --types ...` then `mizan score --map PERS=PER` do.
            var extractor = try Configuration.load(path: config)
            extractor.outputTypes = ["LOC", "ORG", "PER"]
            let conll = try CoNLLReader(tagColumns: 1).read(path: path)
            let rendered = conll.map { document -> (document: CoNLLDocument, tags: [[String]]) in
                let made = document.makeDocument()
                let flat = TokenProjection.bioTags(for: extractor.extract(made), tokens: made.tokens ?? [])
                var tags: [[String]] = []
                var k = 0
                for sentence in document.sentences {
                    tags.append(Array(flat[k..<(k + sentence.tokens.count)]))
                    k += sentence.tokens.count
                }
                return (document, tags)
            }
            let predictedPath = folder + "/\(c.name).conll"
            try CoNLLWriter.render(rendered).write(toFile: predictedPath, atomically: true, encoding: .utf8)
            let expected = try Scorer(ScoringOptions(typeMap: ["PERS": "PER"], types: ["LOC", "ORG", "PER"], errorLimit: Int.max))
                .score(CoNLLPairing.read(gold: path, predicted: predictedPath))
            expectSame(c, expected)
            #expect(c.accuracy == expected.total.accuracy)
            // The sentence units add up to the document's counts.
            for (t, type) in c.types.enumerated() {
                let summed = c.unitCounts.reduce(into: [0, 0, 0]) { acc, unit in for k in 0..<3 { acc[k] += unit[t][k] } }
                let counts = c.scores(.conll).type(type)!.counts!
                #expect(summed == [counts.tp, counts.fp, counts.fn])
            }
        }
    }

    @Test("sentences an entity crosses form one unit, and units add up to the document")
    func crossingEntitiesJoinUnits() throws {
        // Three sentences; a predicted entity runs from the end of the first into the second.
        let text = "زار محمد\nعلي دمشق\nثم عاد"
        let tokens = [TokenSpan(start: 0, end: 3), TokenSpan(start: 4, end: 8), TokenSpan(start: 9, end: 12),
                      TokenSpan(start: 13, end: 17), TokenSpan(start: 18, end: 20), TokenSpan(start: 21, end: 24)]
        let document = Document(id: "d", text: text, tokens: tokens, sentenceStarts: [0, 2, 4])
        let gold = AnnotatedDocument(document: document, entities: [EntitySpan(start: 13, end: 17, type: "LOC", text: "دمشق")])
        let predicted = AnnotatedDocument(document: document, entities: [
            EntitySpan(start: 4, end: 12, type: "PER", text: "محمد\nعلي"), EntitySpan(start: 13, end: 17, type: "LOC", text: "دمشق")])
        let units = EvaluationUnits.plan(gold: [gold], predictions: [[predicted]])
        #expect(units.kind == .sentence)
        #expect(units.ids == ["d#s1-2", "d#s3"])
        let goldUnits = units.split([gold]), predictedUnits = units.split([predicted])
        #expect(goldUnits[0].document.text == "زار محمد\nعلي دمشق\n")
        #expect(goldUnits[1].document.text == "ثم عاد")
        #expect(goldUnits[1].document.tokens == [TokenSpan(start: 0, end: 2), TokenSpan(start: 3, end: 6)])
        #expect(predictedUnits[0].entities.map(\.start) == [4, 13])
        let whole = try Scorer().score(gold: [gold], predicted: [predicted])
        let parts = try Scorer().score(gold: goldUnits, predicted: predictedUnits)
        #expect(parts.total.conll == whole.total.conll)
        #expect(parts.total.semeval == whole.total.semeval)
    }

    @Test("saved predictions of an outside system: JSONL, BRAT annotations only, and CoNLL over the gold tokens")
    func outsideSystems() throws {
        let folder = try ComparisonFixture.folder()
        let data = ComparisonFixture.data(count: 12)
        // A perfect system in JSONL, and one that found only the places, as BRAT .ann files.
        try JSONL.render(data.documents).write(toFile: folder + "/perfect.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/places", withIntermediateDirectories: true)
        for d in data.documents {
            try BRAT.renderAnnotations(d.entities.filter { $0.type == "LOC" })
                .write(toFile: folder + "/places/\(d.id).ann", atomically: true, encoding: .utf8)
        }
        let results = try Comparison(settings: ComparisonFixture.settings()).run(
            data: data,
            competitors: [.configuration(path: folder + "/configs/strong.yaml"),
                          .system(name: "perfect", path: folder + "/perfect.jsonl", format: .jsonl),
                          .system(name: "places", path: folder + "/places", format: .brat)],
            context: ComparisonFixture.context)
        let perfect = try #require(results.competitor(named: "perfect"))
        #expect(perfect.kind == .system)
        #expect(perfect.timing == nil)
        #expect(perfect.errors.isEmpty)
        for scheme in ComparisonScheme.allCases { #expect(perfect.scores(scheme).overall.f1 == 1) }
        let places = try #require(results.competitor(named: "places"))
        #expect(places.scores(.conll).type("LOC")!.f1 == 1)
        #expect(places.scores(.conll).overall.counts!.fp == 0)
        #expect(places.configurationHash.count == 64)

        // A system whose file lacks a gold document is refused, naming the document.
        try JSONL.render(Array(data.documents.dropLast())).write(toFile: folder + "/short.jsonl", atomically: true, encoding: .utf8)
        let short = #expect(throws: (any Error).self) {
            try Comparison(settings: ComparisonFixture.settings()).run(
                data: data, competitors: [.system(name: "short", path: folder + "/short.jsonl", format: .jsonl)],
                context: ComparisonFixture.context)
        }
        #expect("\(short!)".contains("short.jsonl") && "\(short!)".contains(data.documents.last!.id))

        // CoNLL predictions of a CoNLL gold set are read as `mizan score` reads them.
        let conllFolder = try ComparisonFixture.folder(extra: ["gold.txt": ComparisonFixture.conllText(sentences: 20)])
        let conllData = try EvaluationData.read(path: conllFolder + "/gold.txt", format: .conll)
        var settings = ComparisonFixture.settings()
        settings.typeMap = ["PERS": "PER"]
        let conllResults = try Comparison(settings: settings).run(
            data: conllData, competitors: [.system(name: "gold-itself", path: conllFolder + "/gold.txt", format: .conll)],
            context: ComparisonFixture.context)
        #expect(conllResults.competitors[0].scores(.conll).overall.f1 == 1)
        #expect(conllResults.competitors[0].accuracy == 1)
    }

    @Test("two competitors with one name, or an unknown baseline, are refused")
    func names() throws {
        let folder = try ComparisonFixture.folder()
        let data = ComparisonFixture.data(count: 4)
        let strong = Competitor.configuration(path: folder + "/configs/strong.yaml")
        #expect(throws: ComparisonError.self) {
            try Comparison(settings: ComparisonFixture.settings()).run(data: data, competitors: [strong, strong], context: ComparisonFixture.context)
        }
        var settings = ComparisonFixture.settings()
        settings.baseline = "nobody"
        let unknown = #expect(throws: ComparisonError.self) {
            try Comparison(settings: settings).run(data: data, competitors: [strong], context: ComparisonFixture.context)
        }
        #expect(unknown?.message.contains("nobody") == true && unknown?.message.contains("strong") == true)
    }

    @Test("the history record of a comparison validates, with per-unit counts that add up")
    func runRecord() throws {
        let folder = try ComparisonFixture.folder()
        let results = try Comparison(settings: ComparisonFixture.settings()).run(
            data: ComparisonFixture.data(count: 10),
            competitors: [.configuration(path: folder + "/configs/weak.yaml"), .configuration(path: folder + "/configs/strong.yaml")],
            context: ComparisonFixture.context)
        let record = RunRecord(results)
        try record.validate()
        #expect(record.id == results.run.id)
        #expect(record.corpus.contentHash == results.data.contentHash)
        for (c, r) in zip(results.competitors, record.competitors) {
            #expect(r.documentCounts.total(type: nil) == c.scores(.conll).overall.counts!)
            #expect(r.scores(.partial)?.overall.f1 == c.scores(.partial).overall.f1)
            #expect(r.timings?.repeatSeconds.count == 2)
        }
        // Its JSON round trip through the history's file format is lossless.
        let path = folder + "/run.json"
        try record.write(to: path)
        #expect(try RunRecord.read(from: path) == record)
    }

    @Test("results.json round trip, with snake_case keys and the schema name")
    func jsonRoundTrip() throws {
        let folder = try ComparisonFixture.folder()
        let results = try Comparison(settings: ComparisonFixture.settings()).run(
            data: ComparisonFixture.data(count: 6), competitors: [.configuration(path: folder + "/configs/strong.yaml")],
            context: ComparisonFixture.context)
        let data = try results.jsonData()
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "mizan.results/1")
        let competitor = try #require((object["competitors"] as? [[String: Any]])?.first)
        let conll = try #require((competitor["schemes"] as? [[String: Any]])?.first)
        #expect((conll["overall"] as? [String: Any])?["f1_interval"] != nil)
        #expect(competitor["unit_counts"] != nil)
        let decoded = try ComparisonResults.decode(data)
        #expect(decoded == results)
        let other = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "mizan.results/1", with: "mizan.results/9").utf8)
        let refused = #expect(throws: ComparisonError.self) { try ComparisonResults.decode(other, file: "old.json") }
        #expect(refused?.message.contains("mizan.results/9") == true)
    }
}
