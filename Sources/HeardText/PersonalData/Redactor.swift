/// Finds and redacts personal data: e-mail addresses, UK phone numbers, postcodes, NHS numbers, National
/// Insurance numbers, hospital numbers after their label, social media handles and profile links, street
/// addresses, dates of birth, and names that follow a title, a staff role or relation, or a lead-in such as
/// "my name is".
///
/// It scans the UTF-8 bytes once, testing patterns only at word starts, so it is cheap enough to run on
/// every comment. Numbers that are not personal data ("waited 10 hours", "ward 23", "111") are left alone:
/// a digit run is only redacted when it has the exact shape of a phone or NHS number, or of one that the words
/// before it name ("NHS number 94347 65919", "my mobile is 7700 900982"). Fullwidth forms and
/// Unicode spaces ("９４３ ４７６ ５９１９", a no-break space between "LS1" and "4AP") are folded to ASCII for
/// matching (`LookalikeFolding`), only in the rare comment that has them.
public struct Redactor: Sendable {
    public init() {}

    /// Redacts `text`, returning the redacted copy, the kinds found and where they were.
    public func redact(_ text: String) -> RedactionResult {
        var source = text
        var output: [UInt8] = []
        var spans: [PersonalDataSpan] = []
        let kinds = source.withUTF8 { bytes in
            redact(bytes, into: &output, spans: &spans)
        }
        return RedactionResult(text: String(decoding: output, as: UTF8.self), kinds: kinds.kinds, spans: spans)
    }

    /// Hot-path form: appends the redacted bytes to `output` and returns the kinds found.
    /// `mayContainName: false` (no title or role word among the comment's tokens) skips the name pattern,
    /// and with no "@" and no digit either, the text is copied unchanged without a scan.
    @discardableResult
    func redact(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], mayContainName: Bool = true
    ) -> PersonalDataKinds {
        var ignoredSpans: [PersonalDataSpan]? = nil
        return scan(bytes, into: &output, spans: &ignoredSpans, mayContainName: mayContainName)
    }

    /// Hot-path form for text already tokenised: `clues` says whether it has a digit or an "@" (fullwidth
    /// ones included) and a lookalike character to fold. Writes the
    /// redacted bytes to `output` only when something was found (otherwise the text is its own redacted
    /// copy, and `output` is left empty).
    /// `mayContainSocialHandle`: a platform word ("my insta is …") is among the comment's words;
    /// `mayContainSpelledContact`: a cue for an e-mail address or phone number in words ("dot com", "oh seven").
    func redactIfNeeded(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], clues: TextClues, mayContainName: Bool,
        mayContainSocialHandle: Bool = true, mayContainSpelledContact: Bool = true
    ) -> PersonalDataKinds {
        guard
            clues.hasAt || clues.hasDigit || clues.hasLinkSlash || mayContainName || mayContainSocialHandle
                || mayContainSpelledContact || clues.hasInnerDot
        else {
            return PersonalDataKinds()
        }
        var ignoredSpans: [PersonalDataSpan]? = nil
        if clues.hasLookalike {
            return scanFolded(
                bytes, into: &output, spans: &ignoredSpans, mayContainName: mayContainName,
                mayContainSocialHandle: mayContainSocialHandle,
                mayContainSpelledContact: mayContainSpelledContact || clues.hasInnerDot, copyWhenUnchanged: false)
        }
        // "jo.bloggs at nhs.net" has no cue word, but its full stops between letters say to look.
        let patternClues = PersonalDataPatterns.Clues(
            hasAt: clues.hasAt, hasDigit: clues.hasDigit, hasSlash: clues.hasLinkSlash, mayContainName: mayContainName,
            mayContainSocialHandle: mayContainSocialHandle,
            mayContainSpelledContact: mayContainSpelledContact || clues.hasInnerDot)
        return scan(bytes, into: &output, spans: &ignoredSpans, clues: patternClues, copyWhenUnchanged: false)
    }

    func redact(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], spans: inout [PersonalDataSpan]
    ) -> PersonalDataKinds {
        var collected: [PersonalDataSpan]? = []
        let kinds = scan(bytes, into: &output, spans: &collected)
        spans = collected ?? []
        return kinds
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], spans: inout [PersonalDataSpan]?,
        mayContainName: Bool = true
    ) -> PersonalDataKinds {
        output.reserveCapacity(output.count + bytes.count + 16)
        // Every pattern but names needs an "@", a digit or a "/" somewhere: one cheap pass decides which to try.
        var hasAt = false
        var hasDigit = false
        var hasSlash = false
        var hasNonASCII = false
        for byte in bytes {
            if byte == UInt8(ascii: "@") {
                hasAt = true
            } else if ByteClass.isDigit(byte) {
                hasDigit = true
            } else if byte == UInt8(ascii: "/") {
                hasSlash = true
            } else if byte >= 0x80 {
                hasNonASCII = true
            }
        }
        if hasNonASCII, LookalikeFolding.contains(bytes) {
            return scanFolded(
                bytes, into: &output, spans: &spans, mayContainName: mayContainName, copyWhenUnchanged: true)
        }
        guard hasAt || hasDigit || hasSlash || mayContainName else {
            output.append(contentsOf: bytes)
            return PersonalDataKinds()
        }
        let clues = PersonalDataPatterns.Clues(
            hasAt: hasAt, hasDigit: hasDigit, hasSlash: hasSlash, mayContainName: mayContainName)
        return scan(bytes, into: &output, spans: &spans, clues: clues, copyWhenUnchanged: true)
    }

    /// For text with fullwidth forms or Unicode spaces: matches on a copy with them folded to ASCII, then
    /// replaces the matched stretches of the original, so "９４３ ４７６ ５９１９" is redacted and nothing else changes.
    private func scanFolded(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], spans: inout [PersonalDataSpan]?,
        mayContainName: Bool, mayContainSocialHandle: Bool = true, mayContainSpelledContact: Bool = true,
        copyWhenUnchanged: Bool
    ) -> PersonalDataKinds {
        let (folded, origins) = LookalikeFolding.folded(bytes)
        var hasAt = false
        var hasDigit = false
        var hasSlash = false
        for byte in folded {
            if byte == UInt8(ascii: "@") {
                hasAt = true
            } else if ByteClass.isDigit(byte) {
                hasDigit = true
            } else if byte == UInt8(ascii: "/") {
                hasSlash = true
            }
        }
        var foldedSpans: [PersonalDataSpan]? = []
        var found = PersonalDataKinds()
        if hasAt || hasDigit || hasSlash || mayContainName || mayContainSocialHandle || mayContainSpelledContact {
            var scratch: [UInt8] = []
            let clues = PersonalDataPatterns.Clues(
                hasAt: hasAt, hasDigit: hasDigit, hasSlash: hasSlash, mayContainName: mayContainName,
                mayContainSocialHandle: mayContainSocialHandle, mayContainSpelledContact: mayContainSpelledContact)
            found = folded.withUnsafeBufferPointer {
                scan($0, into: &scratch, spans: &foldedSpans, clues: clues, copyWhenUnchanged: false)
            }
        }
        guard !found.isEmpty else {
            if copyWhenUnchanged { output.append(contentsOf: bytes) }
            return found
        }
        output.reserveCapacity(output.count + bytes.count + 16)
        var copyStart = 0
        for span in foldedSpans ?? [] {
            let range = origins[span.utf8Range.lowerBound]..<origins[span.utf8Range.upperBound]
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copyStart..<range.lowerBound]))
            output.append(contentsOf: span.kind.placeholder.utf8)
            spans?.append(PersonalDataSpan(kind: span.kind, utf8Range: range))
            copyStart = range.upperBound
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copyStart..<bytes.count]))
        return found
    }

    /// Tries the patterns at every word start. Unchanged text is copied in runs, and not at all when nothing
    /// is found and `copyWhenUnchanged` is false.
    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], spans: inout [PersonalDataSpan]?,
        clues: PersonalDataPatterns.Clues, copyWhenUnchanged: Bool
    ) -> PersonalDataKinds {
        var found = PersonalDataKinds()
        let count = bytes.count
        // Unchanged text is copied in runs, not byte by byte.
        var copyStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            let atWordStart = index == 0 || !Self.isWordJoiner(bytes[index - 1])
            let alphanumeric = ByteClass.isAlphanumeric(byte)
            guard
                atWordStart,
                alphanumeric || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "@")
            else {
                index += 1
                continue
            }
            if let match = PersonalDataPatterns.match(bytes, at: index, clues: clues) {
                // A match may start before the word it was found at ("RVH 123 456 7" is found at "123"), never
                // before what was already written.
                let keepUntil = max(match.keepUntil, copyStart)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copyStart..<keepUntil]))
                output.append(contentsOf: match.kind.placeholder.utf8)
                found.insert(match.kind)
                spans?.append(PersonalDataSpan(kind: match.kind, utf8Range: keepUntil..<match.end))
                index = match.end
                copyStart = index
                continue
            }
            // Skip the rest of this word: patterns are only tried at word starts.
            index += 1
            if alphanumeric {
                while index < count, ByteClass.isAlphanumeric(bytes[index]) { index += 1 }
            }
        }
        if copyWhenUnchanged || !found.isEmpty {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copyStart..<count]))
        }
        return found
    }

    /// Bytes that glue a following character onto the previous word (so "x@y.com" is not re-tested at "y").
    @inline(__always) static func isWordJoiner(_ byte: UInt8) -> Bool {
        ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: "@") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "/") || byte >= 0x80
    }
}
