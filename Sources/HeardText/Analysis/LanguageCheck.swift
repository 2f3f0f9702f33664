/// Whether a comment may not be in English, so that a person reads it rather than the engine guessing.
///
/// A model's themes and sentiment only mean something for English text: a Polish or Urdu comment gets "no
/// theme" and "mixed" sentiment, and an urgent disclosure in it raises no flag. The check uses the shipped
/// word vectors' vocabulary (about 23,000 English words, see `WordVectors`): a comment is flagged when
///
/// - it has at least 3 words with letters and fewer than half of them are words the vocabulary knows, or
/// - it has one or two words, none of them English (known to the vocabulary and not a word of another
///   language), and one of them a common word of another language (`OtherLanguageWords`: "Muy bien", "Sehr
///   gut", "Bardzo dobrze") or an unknown word with an accent English does not use ("Très", "Świetnie"), or
/// - most of its words are in a script other than Latin (Arabic, Cyrillic, Gurmukhi, Bengali, Chinese, …).
///
/// Short English stays English: "Very good", "gr8 thx", "Excellent service", "GP fab" each have an English
/// word, and an unknown word alone ("gr8", "Brill") is not enough, as it is far more often English slang or
/// a misspelling than another language.
///
/// On the 12,852 labelled English comments of fft-v6 (train and dev) and fft-phase1, none is flagged: the
/// lowest share of known words among comments of 3 or more words is 0.67. Spelling mistakes and dialect
/// rarely push an English comment below half ("docter wos vry rud an didnt lisen" still has 6 of 11).
/// Numbers, emoji and symbols are not words here. A model trained without word vectors has no vocabulary,
/// and then only the script test applies.
enum LanguageCheck {
    /// Fewer known words than this share of the words (with at least `minimumWords`) flags the comment.
    static let minimumKnownShare = 0.5
    static let minimumWords = 3

    static func mayNotBeEnglish(
        _ tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>, vocabulary: ScoringTable?
    ) -> Bool {
        var words = 0
        var known = 0
        var otherScript = 0
        // For comments of one or two words: words that are English (known, and not a word of another
        // language) and words that say another language (in `OtherLanguageWords`, or unknown with an accent).
        var english = 0
        var foreign = 0
        for token in tokens {
            switch WordKind(firstByte: bytes[Int(token.start)]) {
            case .notAWord: continue
            case .latin: break
            case .otherScript: otherScript += 1
            }
            words += 1
            let isKnown = vocabulary?.find(token.hash) != nil
            if isKnown { known += 1 }
            if OtherLanguageWords.hashes.value(for: token.hash) != nil {
                foreign += 1
            } else if isKnown {
                english += 1
            } else if hasAccent(bytes, token) {
                foreign += 1
            }
        }
        if otherScript * 2 > words { return true }
        guard vocabulary != nil, words > 0 else { return false }
        if words < minimumWords { return english == 0 && foreign > 0 }
        return Double(known) < Double(words) * minimumKnownShare
    }

    /// Whether the token has a Latin letter English does not use ("è", "ł", "ș"): U+00C0–U+02FF.
    private static func hasAccent(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        let start = Int(token.start)
        for index in start..<(start + Int(token.length)) where bytes[index] >= 0xC3 && bytes[index] <= 0xCB {
            return true
        }
        return false
    }

    /// What a token is, from the first byte of its normalised UTF-8 (the tokeniser lower-cases ASCII).
    enum WordKind {
        case latin, otherScript, notAWord

        init(firstByte byte: UInt8) {
            switch byte {
            case 0x61...0x7A: self = .latin  // a–z
            // U+00C0–U+02FF: accented Latin letters ("é", "ł", "ș").
            case 0xC3...0xCB: self = .latin
            // U+0370–U+07FF: Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana.
            case 0xCD...0xDF: self = .otherScript
            // U+0800–U+1FFF: the Indic scripts, Thai, Georgian, Ethiopic and more.
            case 0xE0, 0xE1: self = .otherScript
            // U+3000–U+DFFF: kana, Chinese, Hangul, Yi.
            case 0xE3...0xED: self = .otherScript
            // Digits, punctuation, general symbols (U+2000–U+2FFF, "❤"), presentation forms and emoji.
            default: self = .notAWord
            }
        }
    }
}
