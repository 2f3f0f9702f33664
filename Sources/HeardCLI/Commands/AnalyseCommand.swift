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

    func validate() throws {
        if let problem = OutputFile.destroysData(output, option: "--output") { throw ValidationError(problem) }
    }

    func run() async throws {
        Interruption.removeUnfinishedOutputs(of: [output])
        let textModel = try loadTextModel(model)
        let analysis = CSVAnalysis(
            analyser: CommentAnalyser(model: textModel), textColumn: textColumn, questionColumn: questionColumn,
            skipBadRows: skipBadRows)
        let progress = TextProgressBar(enabled: TextTerminal.standardErrorIsTerminal)
        let summary: CSVAnalysis.Summary
        do {
            summary = try analysis.run(
                input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output),
                progress: { done, total in progress.update(done: done, total: total) })
        } catch {
            progress.finish()
            // The rows so far went to a temporary file, now removed: an earlier output is still whole.
            guard FileOutput.replacesAtomically(output) else { throw error }
            throw CLIError("\(error); nothing was written to \(output)")
        }
        progress.finish()
        TextTerminal.printError(summary.line)
        if let warning = summary.skippedShareWarning { TextTerminal.printError(warning) }
        if summary.rows == 0, summary.skippedRows > 0 {
            throw CLIError("every row was malformed and skipped: \(output) has the header only")
        }
    }
}
