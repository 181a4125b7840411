import ArabicText
import Corpus
import Foundation
import Yams

/// A configuration file: a named pipeline of stages with their resources and
/// options, and how overlapping proposals merge.
///
/// ```yaml
/// description: Gazetteers with clitics, then trigger and date rules.   # required, one line
/// merge: priority            # or longest (default priority)
/// propagate: [PER]           # types whose multi-word names' last word is tagged again alone
/// normalization:             # optional; every step defaults to true
///   teh-marbuta: false
/// clitics:
///   minimum-stem: 2          # letters a stem keeps after proclitics (default 2)
/// stages:                    # in priority order
///   - kind: rules
///     rules: ../rules/mizan.rules
///   - kind: gazetteer
///     clitics: true
///     lists:
///       LOC: ../gazetteers/LOC
///       PER: [../gazetteers/PER/public-figures.txt]
/// ```
/// Paths are relative to the configuration file. Loading reads and compiles every
/// resource; errors name the file, the key and the reason (`ConfigurationError`).
public enum Configuration {
    public static let topLevelKeys = ["name", "description", "merge", "propagate", "normalization", "clitics", "stages"]

    /// Loads `path` into an extractor.
    ///
    /// - Parameters:
    ///   - registry: the stage kinds allowed.
    ///   - parameters: values for stages that take them (such as `model`); a
    ///     parameter no stage uses is an error, so a mistaken `--model` is not ignored.
    public static func load(path: String, registry: StageRegistry = .standard, parameters: [String: String] = [:]) throws -> Extractor {
        let text: String
        do { text = try TextFile.read(path) } catch let e as InputError {
            throw ConfigurationError(file: path, key: "", e.message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigurationError(file: path, key: "", "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw ConfigurationError(file: path, key: "", "expected a mapping with `description` and `stages`")
        }
        func fail(_ key: String, _ reason: String, _ node: Node? = nil) -> ConfigurationError {
            ConfigurationError(file: path, key: key, line: node?.mark?.line, reason)
        }
        for (k, v) in mapping {
            guard let name = k.scalar?.string, topLevelKeys.contains(name) else {
                throw fail(k.scalar?.string ?? "?", "unknown key (known: \(topLevelKeys.joined(separator: ", ")))", v)
            }
        }
        let baseName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = mapping["name"]?.scalar?.string ?? baseName
        guard let description = mapping["description"]?.scalar?.string, !description.isEmpty else {
            throw fail("description", "required: a one-line description of the configuration")
        }
        guard !description.contains("\n") else { throw fail("description", "must be one line", mapping["description"]) }

        var merge = MergePolicy.priority
        if let m = mapping["merge"] {
            guard let s = m.scalar?.string, let policy = MergePolicy(rawValue: s) else {
                throw fail("merge", "expected one of \(MergePolicy.allCases.map(\.rawValue).joined(separator: ", "))", m)
            }
            merge = policy
        }

        var propagated: Set<EntityType> = []
        if let p = mapping["propagate"] {
            let names = try StageOptions.strings(p) { fail("propagate", $0, p) }
            propagated = Set(names.map { EntityType($0) })
        }

        var options = ArabicNormalizer.Options.all
        if let n = mapping["normalization"] {
            guard let m = n.mapping else { throw fail("normalization", "expected a mapping of step: true|false", n) }
            for (k, v) in m {
                let step = k.scalar?.string ?? "?"
                guard let option = ArabicNormalizer.Options.named.first(where: { $0.name == step })?.option else {
                    throw fail("normalization.\(step)", "unknown step (known: \(ArabicNormalizer.Options.named.map(\.name).joined(separator: ", ")))", k)
                }
                guard let b = v.scalar.flatMap({ Bool($0.string.lowercased()) }) else {
                    throw fail("normalization.\(step)", "expected true or false", v)
                }
                if b { options.insert(option) } else { options.remove(option) }
            }
        }
        var minimumStem = 2
        if let c = mapping["clitics"] {
            guard let m = c.mapping else { throw fail("clitics", "expected a mapping (minimum-stem)", c) }
            for (k, v) in m {
                guard k.scalar?.string == "minimum-stem" else { throw fail("clitics.\(k.scalar?.string ?? "?")", "unknown option (known: minimum-stem)", k) }
                guard let i = v.scalar.flatMap({ Int($0.string) }), (1...5).contains(i) else {
                    throw fail("clitics.minimum-stem", "expected an integer 1...5", v)
                }
                minimumStem = i
            }
        }

        guard let stagesNode = mapping["stages"] else { throw fail("stages", "required: a list of stages") }
        guard let stages = stagesNode.sequence, !stages.isEmpty else { throw fail("stages", "expected a non-empty list of stages", stagesNode) }

        let builder = ExtractorBuilder(configurationFile: path, normalizer: ArabicNormalizer(options: options),
                                       clitics: CliticAnalyzer(minimumStemLength: minimumStem), parameters: parameters)
        let base = (path as NSString).deletingLastPathComponent
        var built: [any ExtractionStage] = []
        for (i, stageNode) in stages.enumerated() {
            let key = "stages[\(i)]"
            guard let m = stageNode.mapping else { throw fail(key, "expected a mapping with `kind`", stageNode) }
            guard let kind = m["kind"]?.scalar?.string else { throw fail("\(key).kind", "required", stageNode) }
            guard let factory = registry.factory(for: kind) else {
                throw fail("\(key).kind", "unknown stage \"\(kind)\" (known: \(registry.kinds.joined(separator: ", ")))", m["kind"])
            }
            let stageOptions = StageOptions(file: path, keyPath: key, mapping: m, baseDirectory: base.isEmpty ? "." : base)
            built.append(try factory.makeStage(options: stageOptions, builder: builder))
        }
        let unused = Set(parameters.keys).subtracting(builder.usedParameters)
        if let p = unused.sorted().first {
            throw fail("", "no stage of this configuration takes the parameter \"\(p)\"")
        }
        return Extractor(name: name, summary: description, analyzer: builder.makeAnalyzer(), gazetteers: builder.gazetteers,
                         ruleSets: builder.ruleSets, stages: built, merge: merge, propagatedTypes: propagated)
    }
}
