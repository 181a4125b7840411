/// A kind of stage that configurations can name: its YAML `kind`, a one-line
/// summary, and how to build it from its options.
public protocol StageFactory: Sendable {
    /// The `kind:` string in a configuration.
    static var kind: String { get }
    static var summary: String { get }
    /// Builds the stage; must call `options.finish(known:)` after reading its options.
    static func makeStage(options: StageOptions, builder: ExtractorBuilder) throws -> any ExtractionStage
}

/// The stage kinds a configuration may use, keyed by `kind`. A new stage kind joins
/// by `register` (or by a registry made with it), never by editing a switch.
public struct StageRegistry: Sendable {
    private var factories: [String: any StageFactory.Type] = [:]

    public init(_ factories: [any StageFactory.Type] = []) {
        for f in factories { register(f) }
    }

    /// The built-in stages: `gazetteer`, `rules` and the learned `perceptron`.
    public static let standard = StageRegistry([GazetteerStage.self, RuleStage.self, PerceptronStage.self])

    public mutating func register(_ factory: any StageFactory.Type) {
        factories[factory.kind] = factory
    }

    public func factory(for kind: String) -> (any StageFactory.Type)? { factories[kind] }

    public var kinds: [String] { factories.keys.sorted() }
}
