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
        let comments = try labels.load(questionColumn: textModel.questionColumn)
        let report = Evaluator(model: textModel).evaluate(comments)
        print(report.text)
    }
}
