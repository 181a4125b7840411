import ArgumentParser

@main
struct Mizan: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mizan",
        abstract: "Extract named entities from Arabic news text and measure extractors honestly.",
        discussion: """
        Mizan scores an extractor's output against gold annotations under the CoNLL and \
        SemEval-2013 schemes, runs competing extractor configurations side by side, and \
        keeps a history of runs so that CI can fail on a real regression.
        """,
        version: version,
        subcommands: [
            Compare.self,
            Score.self,
            Extract.self,
            Train.self,
            Validate.self,
            History.self,
            Diff.self,
            Check.self,
        ]
    )
}
