import ArgumentParser
import Foundation
import HeardText

struct AnalyseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse",
        abstract: "Analyse a CSV of comments: themes, sentiment, relational care, urgency, personal data, duplicates.")

    @Option(name: .long, help: "CSV file of comments.")
    var input: String

    @Option(name: .long, help: "Column holding the comment text.")
    var textColumn: String

    @Option(name: .long, help: "Where to write the CSV with the added columns.")
    var output: String

    @Option(name: .long, help: "Model file (default: the model that ships with Heard).")
    var model: String?

    @Option(name: .long, help: "Column holding the question each comment answers (default: the model's, if present).")
    var questionColumn: String?

    @Flag(name: .long, help: "Skip malformed rows (counted at the end) instead of stopping.")
    var skipBadRows = false

    func run() async throws {
        let textModel = try loadTextModel(model)
        let analysis = CSVAnalysis(
            analyser: CommentAnalyser(model: textModel), textColumn: textColumn, questionColumn: questionColumn,
            skipBadRows: skipBadRows)
        let progress = TextProgressBar(enabled: TextTerminal.standardErrorIsTerminal)
        let summary = try analysis.run(
            input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output),
            progress: { done, total in progress.update(done: done, total: total) })
        progress.finish()
        TextTerminal.printError(summary.line)
    }
}
