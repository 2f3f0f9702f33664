/// Short comments whose words say plainly that care went wrong: "Nobody listened to me", "Rude staff",
/// "They ignored me", "Terrible".
///
/// The sentiment heads learn from Friends and Family Test answers, where short comments are nearly all praise
/// ("Excellent", "Very good") and the few short complaints are mostly suggestions ("More staff"). A short
/// comment therefore leans positive unless its words were seen in short complaints, and complaints people
/// actually send in a few words ("I was ignored", "They didn't care") were called positive. Heard exists to
/// hear exactly those, so a short comment with a plain sign of poor care and no sign of good care is never
/// called positive: positive becomes negative (4). Longer comments are left to the model, which weighs
/// mixed feelings better than any word list.
///
/// Negation counts both ways: "not listened" and "nobody listened" are negative cues, "never rude" is not one,
/// and "not good" is negative while "good" is positive.
enum SentimentCues {
    /// At most this many words: beyond it the model has enough words to go on.
    static let maximumWords = 10
    /// The class given instead of a positive one (the 1–5 scale: 4 is negative, 5 very negative).
    static let negativeClass = 4

    /// Plain signs of poor care. "~" means only when not negated (see `PhraseMatcher`); `a|b` is any of the words.
    static let negative: [String] = [
        "~terrible", "~awful", "~appalling", "~disgusting", "~disgraceful", "~dreadful", "~horrendous",
        "~horrible", "~shocking", "~atrocious", "~abysmal", "~pathetic", "~useless", "~hopeless",
        "~incompetent", "~unprofessional", "~rude", "~rudely", "~arrogant", "~ignored", "~ignoring", "~ignore",
        "~dismissed", "~dismissive", "~fobbed off", "~brushed off", "~uncaring", "~unhelpful", "~unkind",
        "~unacceptable", "~dirty", "~filthy", "~worst", "~neglected", "~neglect", "~humiliated", "~humiliating",
        "~degrading", "~patronising", "~condescending", "~belittled", "~disrespectful", "~disrespected",
        "~shouted at", "~left|still in pain|agony", "~like a number", "~like dirt", "~like rubbish", "~like cattle",
        "~like an animal", "~waste of time", "~never again", "~let down", "~lied", "~misdiagnosed",
        "~no communication", "~no help", "~no support", "~no compassion", "~no empathy",
        "~no respect", "~no dignity",
        // Negated praise, spelled out with its negator: "Nothing, all good" (nothing to improve) must not count.
        "not|never|nobody|didn't|wasn't|weren't|hasn't|haven't|doesn't|don't|won't|couldn't|wouldn't "
            + "listened|listen|listening|cared|care|explained|explain|helped|help|believed|bothered|supported",
        "no one listened|cared|explained|helped|bothered|believed", "no good",
        "not|never|wasn't|weren't|isn't|aren't "
            + "good|happy|helpful|kind|impressed|satisfied|acceptable|polite|friendly|nice|respected|informed",
        "not|wasn't|weren't very good|helpful|kind|nice|friendly|caring|happy",
        "not taken seriously", "wasn't taken seriously", "weren't taken seriously", "not treated with",
    ]

    /// Plain signs of good care: a short comment with one of these is left to the model ("Rude receptionist
    /// but lovely nurses").
    static let positive: [String] = [
        "~good", "~great", "~excellent", "~brilliant", "~fantastic", "~amazing", "~lovely", "~kind", "~helpful",
        "~friendly", "~caring", "~professional", "~thank", "~thanks", "~thankyou", "~happy", "~pleased",
        "~wonderful", "~perfect", "~efficient", "~polite", "~nice", "~listened", "~explained", "~reassuring",
        "~supportive", "~outstanding", "~superb", "~marvellous", "~grateful", "~fine", "~ok", "~okay", "~well",
        "~quick", "~quickly", "~best", "~better", "~improved", "~satisfied", "~impressed", "~respectful",
        "~compassionate", "~attentive", "~smooth", "~easy",
    ]

    /// The sentiment to report: `sentiment` unless the comment is short, carries a negative cue and no
    /// positive one, and the model called it positive (1 or 2) on a scale that has the negative class.
    static func adjusted(
        _ sentiment: Int, negativeCue: Bool, positiveCue: Bool, wordCount: Int, classes: [Int]
    ) -> Int {
        guard negativeCue, !positiveCue, wordCount <= maximumWords, sentiment == 1 || sentiment == 2,
            classes.contains(negativeClass)
        else { return sentiment }
        return negativeClass
    }

    /// `adjusted` for a whole comment given as text (training and tests; not the hot path).
    static func adjusted(_ sentiment: Int, text: String, classes: [Int]) -> Int {
        var source = text
        var tokens: [Token] = []
        var bytes: [UInt8] = []
        source.withUTF8 { Tokeniser.shared.tokenise($0, into: &tokens, bytes: &bytes) }
        let cues = tokens.withUnsafeBufferPointer { AnalysisCues.matcher.matches($0) }
        return adjusted(
            sentiment, negativeCue: cues & AnalysisCues.negativeSentimentBit != 0,
            positiveCue: cues & AnalysisCues.positiveSentimentBit != 0, wordCount: tokens.count, classes: classes)
    }
}
