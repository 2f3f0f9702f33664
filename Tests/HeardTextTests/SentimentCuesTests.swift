import Testing

@testable import HeardText

/// Short complaints are never called positive; praise, mixed and longer comments are left to the model.
@Suite struct SentimentCuesTests {
    static let scale = [1, 2, 3, 4, 5]

    @Test(
        "short comments that plainly say care went wrong are negative with the shipped model",
        arguments: [
            "Nobody listened to me", "No one listened.", "They ignored me", "I was ignored", "Rude staff",
            "They didn't care", "Nobody explained anything", "I felt like a number", "Treated like dirt",
            "No communication", "Left in pain", "Not listened to", "Terrible",
        ])
    func shortComplaints(_ text: String) throws {
        let analysis = CommentAnalyser(model: try TextModel.loadDefault()).analyse(text)
        #expect(analysis.sentiment >= 4, "\(text) → \(analysis.sentiment)")
    }

    @Test(
        "a short disclosure of risk is urgent and never called positive with the shipped model",
        arguments: [
            "I want to end my life", "I feel suicidal and nobody is listening", "My carer hit me and took my money",
        ])
    func shortDisclosures(_ text: String) throws {
        let analysis = CommentAnalyser(model: try TextModel.loadDefault()).analyse(text)
        #expect(analysis.isUrgent, "\(text)")
        #expect(analysis.sentiment >= 4, "\(text) → \(analysis.sentiment)")
    }

    @Test(
        "short praise stays positive, negation included",
        arguments: [
            "Excellent", "Very good", "Lovely staff", "Nothing to improve", "Nothing was bad", "No pain at all",
            "The nurse was never rude", "Could not fault them",
        ])
    func shortPraise(_ text: String) throws {
        let analysis = CommentAnalyser(model: try TextModel.loadDefault()).analyse(text)
        #expect(analysis.sentiment <= 2, "\(text) → \(analysis.sentiment)")
    }

    @Test func theRuleItself() {
        // A positive call on a short comment with a negative cue and no positive one becomes negative.
        #expect(SentimentCues.adjusted(1, text: "They ignored me", classes: Self.scale) == 4)
        #expect(SentimentCues.adjusted(2, text: "Nobody listened to me", classes: Self.scale) == 4)
        // Already neutral or negative: left as the model said.
        #expect(SentimentCues.adjusted(3, text: "They ignored me", classes: Self.scale) == 3)
        #expect(SentimentCues.adjusted(5, text: "They ignored me", classes: Self.scale) == 5)
        // A sign of good care as well: mixed, left to the model.
        #expect(SentimentCues.adjusted(2, text: "Rude receptionist but lovely nurses", classes: Self.scale) == 2)
        // Negated cues turn around: "never rude" is not a complaint, "not good" is.
        #expect(SentimentCues.adjusted(1, text: "Staff were never rude", classes: Self.scale) == 1)
        #expect(SentimentCues.adjusted(1, text: "Not good", classes: Self.scale) == 4)
        // Long comments are left to the model.
        let long = "The doctor ignored what I said at first and then we went through every test in the end"
        #expect(SentimentCues.adjusted(2, text: long, classes: Self.scale) == 2)
        // A model without the negative class (an organisation's own scale) is left alone.
        #expect(SentimentCues.adjusted(1, text: "They ignored me", classes: [1, 2, 3]) == 1)
    }
}
