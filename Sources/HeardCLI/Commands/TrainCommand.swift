import ArgumentParser
import Foundation
import HeardText

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract:
            "Train a text model (themes or labels, and sentiment) from a labelled CSV; prints cross-validated scores.")

    @OptionGroup var labels: TextLabelOptions

    @Option(name: .long, help: "Where to write the model file.")
    var output: String

    @Option(
        name: .long,
        help: "Extra labelled CSV with the same columns, added to the training data (e.g. dev for the final model).")
    var alsoTrainOn: String?

    // Numbers are read unconditionally so that "--label-cost -1" reaches the check that explains the rule,
    // instead of the parser taking "-1" for an option and saying the value is missing.
    @Option(name: .long, parsing: .unconditional, help: "Random seed: the same data and seed give the same model.")
    var seed: UInt64 = 20_251_125

    @Option(name: .long, parsing: .unconditional, help: "Cross-validation folds (thresholds are tuned on them).")
    var folds: Int = 4

    @Option(name: .long, parsing: .unconditional, help: "Labels with fewer examples are reported and never predicted.")
    var minimumExamples: Int = 30

    @Option(name: .long, help: "Model name for the model card.")
    var name: String = "custom"

    @Option(name: .long, help: "Where the training data came from, with credit, for the model card.")
    var dataSource: String = ""

    @Option(
        name: .long,
        help: "Character n-grams inside words, MIN:MAX, or 0 for none (faster analysis, somewhat less accurate).")
    var characterNGrams: String = "3:5"

    @Flag(name: .long, help: "Do not cross each word with the question (only matters with --question-column).")
    var noQuestionCrossWords = false

    @Option(
        name: .long, parsing: .unconditional,
        help: "Naive-Bayes feature scaling weight, 0 (off) to 1 (full NB-SVM).")
    var naiveBayes: Float = 0.5

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Weight of the shipped static word vectors as extra features (0 turns them off; they help most with rare labels and words)."
    )
    var wordVectors: Float = 1

    @Option(name: .long, parsing: .unconditional, help: "SVM cost for label heads.")
    var labelCost: Float = 0.5

    @Option(name: .long, parsing: .unconditional, help: "SVM cost for sentiment heads.")
    var sentimentCost: Float = 0.3

    @Option(name: .long, parsing: .unconditional, help: "Weight rare labels' examples by (negatives/positives)^power.")
    var positiveWeightPower: Float = 0.5

    @Option(name: .long, parsing: .unconditional, help: "Drop features seen in fewer comments than this.")
    var minimumDocumentFrequency: Int = 2

    func validate() throws {
        guard TextNGramRange(characterNGrams) != nil else {
            throw ValidationError("--character-n-grams must be 0 or MIN:MAX with 1 ≤ MIN ≤ MAX ≤ 8")
        }
        do {
            try options(questionFeature: false).validate()
        } catch {
            throw ValidationError(error.description)
        }
        // Checked now, not after minutes of training.
        if let problem = OutputFile.problem(output) { throw ValidationError(problem) }
        let inputs = [labels.input] + (alsoTrainOn.map { [$0] } ?? [])
        if let problem = OutputFile.destroysData(output, option: "--output", inputs: inputs) {
            throw ValidationError(problem)
        }
    }

    /// The training options the flags give.
    func options(questionFeature: Bool) -> TrainingOptions {
        let range = TextNGramRange(characterNGrams) ?? TextNGramRange("0")!
        var features = FeatureSettings(
            characterNGramMinimum: range.minimum, characterNGramMaximum: range.maximum,
            questionCrossWords: !noQuestionCrossWords, minimumDocumentFrequency: minimumDocumentFrequency)
        features.questionFeature = questionFeature
        return TrainingOptions(
            seed: seed, folds: folds, minimumExamples: minimumExamples, labelRegularisation: labelCost,
            sentimentRegularisation: sentimentCost, positiveWeightPower: positiveWeightPower,
            naiveBayesWeight: naiveBayes, features: features, wordVectorWeight: wordVectors,
            modelName: name, dataSource: dataSource)
    }

    func run() async throws {
        Interruption.removeUnfinishedOutputs(of: [output])
        let started = Date()
        let questionColumn = labels.resolvedQuestionColumn()
        if let questionColumn, labels.questionColumn == nil {
            print("Using \"\(questionColumn)\" as the question column (--no-question to ignore it).")
        }
        var comments = try labels.load(questionColumn: questionColumn)
        let options = options(questionFeature: questionColumn != nil)
        if let alsoTrainOn {
            var extra = labels
            extra.input = alsoTrainOn
            let more = try extra.load(questionColumn: questionColumn)
            comments.append(more)
            print("Added \(more.count) comments from \(alsoTrainOn).")
        }
        do {
            try options.validate(commentCount: comments.count)
        } catch {
            throw CLIError(error.description)
        }
        print("Training on \(comments.count) comments, \(comments.labelNames.count) labels.")
        let result = Trainer(options: options).train(comments)
        if let words = result.model.wordVectorWords {
            print("Static word vectors: \(words) words (weight \(wordVectors)).")
        } else if wordVectors > 0 {
            print("Static word vectors: not available in this build; trained without them.")
        }
        if let report = result.crossValidation {
            print("Cross-validated (\(folds)-fold, out-of-fold scores; thresholds tuned on the same folds):")
            print(report.text)
        }
        if let report = result.crossFitted {
            // The same out-of-fold scores, but each fold's thresholds and offsets tuned on the other folds only.
            print("Cross-fitted (each fold's thresholds tuned on the other folds; the less optimistic estimate):")
            print(report.summaryText)
        }
        do {
            try result.model.write(to: URL(fileURLWithPath: output))
        } catch let error as ModelError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("Cannot write the model to \(output): \(OutputFile.reason(error))")
        }
        let notLearned = result.model.card.tooFewExamples.sorted { $0.key < $1.key }
        if !notLearned.isEmpty {
            print(
                "Not learned (fewer than \(minimumExamples) examples): "
                    + notLearned.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
        }
        print("Wrote \(output) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}

/// "0" (none) or "MIN:MAX" for character n-grams.
struct TextNGramRange {
    var minimum: Int
    var maximum: Int

    init?(_ text: String) {
        if text == "0" {
            minimum = 0
            maximum = 0
            return
        }
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1], parts[1] <= 8 else { return nil }
        minimum = parts[0]
        maximum = parts[1]
    }
}
