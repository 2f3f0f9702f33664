import Foundation
import Testing

@testable import HeardText

@Suite struct ModelTests {
    @Test func learnsThemesAndSentimentFromATinyCorpus() throws {
        let result = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments())
        let analyser = CommentAnalyser(model: result.model)
        #expect(analyser.analyse("the nurse was kind").themes == ["Staff"])
        #expect(analyser.analyse("car park full").themes == ["Parking"])
        #expect(analyser.analyse("staff were rude and waited four hours").themes == ["Staff", "Waiting"])
        #expect(analyser.analyse("staff were rude").sentiment == 4)
        #expect(analyser.analyse("lovely caring doctor").sentiment == 2)
    }

    @Test func reportsLabelsWithTooFewExamplesInsteadOfGuessing() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        #expect(model.themeNames == ["Staff", "Waiting", "Parking", "Rare"])
        #expect(model.learnedThemeNames == ["Staff", "Waiting", "Parking"])
        #expect(model.card.tooFewExamples == ["Rare": 0])
    }

    @Test func saveAndLoadRoundTripGivesTheSameAnalyses() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let url = TinyCorpus.temporaryURL("model.heardmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let loaded = try TextModel(contentsOf: url)
        #expect(loaded.themeNames == model.themeNames)
        #expect(loaded.card == model.card)
        let before = CommentAnalyser(model: model)
        let after = CommentAnalyser(model: loaded)
        for text in TinyCorpus.comments(count: 30).texts + ["something else entirely", ""] {
            #expect(before.analyse(text) == after.analyse(text))
        }
    }

    @Test func trainingIsDeterministicForASeed() throws {
        let first = TinyCorpus.temporaryURL("first.heardmodel")
        let second = TinyCorpus.temporaryURL("second.heardmodel")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        var options = TinyCorpus.options(seed: 11)
        options.dataSource = "tests"
        let firstModel = Trainer(options: options).train(TinyCorpus.comments()).model
        let secondModel = Trainer(options: options).train(TinyCorpus.comments()).model
        #expect(firstModel.weights == secondModel.weights)
        #expect(firstModel.bias == secondModel.bias)
        #expect(firstModel.denseWeights == secondModel.denseWeights)
        #expect(!firstModel.denseWeights.isEmpty)
        #expect(firstModel.metadata.thresholds == secondModel.metadata.thresholds)
    }

    @Test func refusesAFileThatIsNotAModel() throws {
        let url = try TinyCorpus.write("just some text", name: "not-a-model")
        #expect(throws: ModelError.notAModelFile(path: url.path)) { try TextModel(contentsOf: url) }
    }

    @Test func refusesAModelFromAnotherVersion() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let url = TinyCorpus.temporaryURL("old.heardmodel")
        try model.write(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[8] = 99  // the version number follows the 8-byte signature
        try Data(bytes).write(to: url)
        #expect(throws: ModelError.unsupportedVersion(path: url.path, found: 99, supported: TextEngine.formatVersion)) {
            try TextModel(contentsOf: url)
        }
        // A newer model asks for a newer Heard; an older one for retraining.
        let newer = ModelError.unsupportedVersion(path: "m", found: 99, supported: TextEngine.formatVersion)
        #expect(newer.description.contains("made by a newer Heard") && newer.description.contains("Upgrade Heard"))
        let older = ModelError.unsupportedVersion(path: "m", found: 1, supported: TextEngine.formatVersion)
        #expect(older.description.contains("Retrain it") && !older.description.contains("newer"))
    }

    @Test func refusesAFolderGivenAsTheModel() throws {
        let folder = FileManager.default.temporaryDirectory
        #expect(throws: ModelError.unreadable(path: folder.path, reason: "it is a folder, not a model file")) {
            try TextModel(contentsOf: folder)
        }
    }

    @Test func refusesACorruptedModel() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let url = TinyCorpus.temporaryURL("corrupt.heardmodel")
        try model.write(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: url)
        #expect(throws: ModelError.corrupted(path: url.path, reason: "checksum mismatch")) {
            try TextModel(contentsOf: url)
        }
        try Data(bytes.prefix(40)).write(to: url)
        #expect(throws: ModelError.self) { try TextModel(contentsOf: url) }
    }

    @Test func singleLabelModelsGiveExactlyOneLabel() throws {
        var comments = TinyCorpus.comments()
        comments.isSingleLabel = true
        comments.labels = comments.labels.map { [$0[0]] }
        let model = Trainer(options: TinyCorpus.options()).train(comments).model
        let analyser = CommentAnalyser(model: model)
        for text in ["the nurse was kind and waited four hours", "car park full", "zzz"] {
            #expect(analyser.analyse(text).themes.count == 1)
        }
    }

    @Test func emptyCommentIsNoComment() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let analyser = CommentAnalyser(model: model)
        for text in ["", "   ", "\n\t"] {
            let analysis = analyser.analyse(text)
            #expect(analysis.isNoComment)
            #expect(analysis.themes.isEmpty)
            #expect(analysis.sentiment == CommentAnalysis.noCommentSentiment)
        }
    }
}
