import ArgumentParser
import Foundation
import HeardText

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a text model on a labelled CSV: accuracy, macro/micro-F1, per-label scores, sentiment.")

    @OptionGroup var labels: TextLabelOptions

    @Option(name: .long, help: "Model file (default: the model that ships with Heard).")
    var model: String?

    func run() async throws {
        let textModel = try loadTextModel(model)
        // The question only matters to a model trained with one.
        let question =
            textModel.questionColumn == nil ? nil : labels.resolvedQuestionColumn(preferred: textModel.questionColumn)
        let comments = try labels.load(questionColumn: question)
        let evaluator = Evaluator(model: textModel)
        let unknown = evaluator.unknownLabels(comments)
        if !unknown.isEmpty {
            let names = unknown.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
            let more = unknown.count > 10 ? " and \(unknown.count - 10) more" : ""
            let message =
                "The model has no label \(names)\(more) — it was trained on: "
                + textModel.themeNames.joined(separator: ", ") + "."
            // Nothing to score: every label of the file is one the model can never predict.
            guard unknown.count < comments.labelNames.count else {
                throw CLIError(
                    message
                        + " None of the labels in \(labels.input) match; check --label-column or --theme-columns and --model."
                )
            }
            TextTerminal.printError(message + " Rows with those labels count as misses.")
        }
        let report = evaluator.evaluate(comments)
        print(report.text)
        if model == nil {
            // Scores on the rows a model learnt from say how well it remembers, not how well it will do.
            TextTerminal.printError(
                "Note: the default model was trained on the fft-v6 train and dev files (see its model card), so scores on those rows are in-sample, not held out. For held-out figures, use rows it has not seen, or train your own with heard train, which prints cross-validated scores."
            )
        }
    }
}
