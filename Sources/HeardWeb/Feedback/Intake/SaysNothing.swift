import HeardDomain
import HeardStorage
import HeardText

/// Feedback whose words are all non-answers ("N/A", "No comment", "Did not answer"; the text engine's
/// `NonAnswers`) says no more than a blank one. With an FFT answer it is kept to be counted, like a rating alone:
/// the words are kept for staff, with nothing to moderate, analyse or publish. Without one it carries nothing and
/// is refused, as a blank one is.
enum SaysNothing {
    /// The longest non-answer is a few words: longer text is not tokenised to find out (imports run it per row).
    static let longestNonAnswer = 64

    /// The test the domain rules are given.
    @Sendable static func isNonAnswer(_ text: String) -> Bool {
        text.utf8.count <= longestNonAnswer && NonAnswers.matches(text)
    }

    /// Whether every answer is blank or a non-answer.
    static func answers(_ answers: [String]) -> Bool {
        answers.allSatisfy { $0.trimmingWhitespace().isEmpty || isNonAnswer($0) }
    }
}

extension FeedbackSubmission {
    /// Words were given, and all of them say nothing ("N/A").
    var hasOnlyNonAnswers: Bool { hasOnlyNonAnswers(SaysNothing.isNonAnswer) }
}

extension FeedbackSubmission.Valid {
    /// No words, or only non-answers: kept only to count its FFT answer.
    var saysNothing: Bool { saysNothing(SaysNothing.isNonAnswer) }
}

extension FeedbackItem {
    /// No words, or only non-answers: nothing to moderate, analyse, correct or publish. Read from the words, so it
    /// holds for items stored before the `saysNothing` column was kept too.
    var wordsSayNothing: Bool { SaysNothing.answers([story, whatWasGood, couldBeBetter]) }

    /// Words were kept, and they say nothing ("N/A").
    var hasOnlyNonAnswers: Bool { !fullText.isEmpty && wordsSayNothing }
}

extension ListeningEngine {
    /// The analysis of feedback's answers. Feedback that says nothing has no themes, feeling or flags: the model
    /// would give "N/A" a theme ("Labelling not possible"), which the dashboard would count as something said.
    /// A non-answer holds no personal data (it is one of a few fixed phrases), so its words are their own
    /// redacted copy.
    func analyse(story: String, whatWasGood: String, couldBeBetter: String) -> CommentAnalysis {
        let answers = [story, whatWasGood, couldBeBetter]
        let text = answers.filter { !$0.isEmpty }.joined(separator: "\n\n")
        guard SaysNothing.answers(answers) else { return analyse(text, question: question(of: answers)) }
        var nothing = CommentAnalysis.noComment
        nothing.redactedText = text
        return nothing
    }

    /// The Friends and Family Test question the words answer, when they answer only one of its follow-ups: the
    /// same word means opposite things under each ("Nothing" under "What was good?" is a complaint, under "What
    /// could we do better?" praise). The wording is the shipped model's training data's.
    static let whatWasGoodQuestion = "What was good?"
    static let couldBeBetterQuestion = "What could we do better?"

    private func question(of answers: [String]) -> String? {
        let given = answers.map { !$0.trimmingWhitespace().isEmpty }
        switch (given[0], given[1], given[2]) {
        case (false, true, false): return Self.whatWasGoodQuestion
        case (false, false, true): return Self.couldBeBetterQuestion
        default: return nil
        }
    }

    func analyse(_ item: FeedbackItem) -> CommentAnalysis {
        analyse(story: item.story, whatWasGood: item.whatWasGood, couldBeBetter: item.couldBeBetter)
    }
}
