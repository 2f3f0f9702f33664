import HeardDomain
import HeardStorage
import HeardText

/// The text a moderator is offered to publish: the redacted words, with "What was good" and "What could be
/// better" labelled when the person answered them, so a reader can tell which answer "Nothing" belongs to;
/// without direction override controls (`BidiControls`), which the published text may not keep.
enum PublishedSuggestion {
    static func text(for item: FeedbackItem) -> String {
        suggestion(for: item).removingBidiControls()
    }

    private static func suggestion(for item: FeedbackItem) -> String {
        let good = item.whatWasGood.trimmingWhitespace()
        let better = item.couldBeBetter.trimmingWhitespace()
        guard !good.isEmpty || !better.isEmpty else { return OwnName.redact(item.contactName, in: item.redactedText) }
        let redactor = Redactor()
        var parts: [String] = []
        let story = item.story.trimmingWhitespace()
        if !story.isEmpty { parts.append(redactor.redact(story).text) }
        if !good.isEmpty { parts.append("What was good: " + redactor.redact(good).text) }
        if !better.isEmpty { parts.append("What could be better: " + redactor.redact(better).text) }
        // The contact name they gave is their own name wherever they wrote it ("I am Zelda Quibble").
        return OwnName.redact(item.contactName, in: parts.joined(separator: "\n\n"))
    }
}
