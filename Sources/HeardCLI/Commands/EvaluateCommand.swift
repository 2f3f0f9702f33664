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
        let report = Evaluator(model: textModel).evaluate(comments)
        print(report.text)
    }
}
