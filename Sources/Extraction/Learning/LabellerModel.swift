/// A trained labeller: one perceptron pass, or two when the templates ask for
/// document memory (`FeatureTemplates.documentMemory`): the first pass labels the
/// whole document, the second sees, for every token, what the first pass said about
/// it and about the other occurrences of its word in the document.
///
/// Invariant: 1 or 2 passes, sharing tags and templates.
public struct LabellerModel: Sendable {
    public let passes: [PerceptronModel]

    public init(passes: [PerceptronModel]) {
        precondition((1...2).contains(passes.count), "a labeller has one or two passes")
        precondition(passes.allSatisfy { $0.tags == passes[0].tags && $0.templates == passes[0].templates },
                     "passes must share tags and templates")
        self.passes = passes
    }

    public init(_ model: PerceptronModel) { self.init(passes: [model]) }

    public var tags: BIOTagSet { passes[0].tags }
    public var templates: FeatureTemplates { passes[0].templates }
    /// The pass whose labels are the output.
    public var last: PerceptronModel { passes[passes.count - 1] }
    /// Features kept, over all passes.
    public var featureCount: Int { passes.reduce(0) { $0 + $1.index.count } }
}
