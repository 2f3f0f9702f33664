/// Hand-written matchers for each kind of personal data, tried at a word start.
///
/// Regular expressions would be simpler to read but an order of magnitude slower on the hot path; each
/// matcher here is a few comparisons on bytes and gives up at the first byte that cannot fit.
enum PersonalDataPatterns {
    struct Match {
        var kind: PersonalDataKind
        /// Bytes before this offset are kept (e.g. the "Dr " in "Dr Patel").
        var keepUntil: Int
        /// End of the redacted data (exclusive).
        var end: Int
    }

    /// What the whole comment contains, so impossible patterns are not tried at every word.
    struct Clues {
        var hasAt: Bool
        var hasDigit: Bool
        /// A "/" somewhere: a link to a social media profile may be there.
        var hasSlash: Bool
        var mayContainName: Bool
        /// A platform word ("my insta is …") or "bsky": a handle without its "@" may be there.
        var mayContainSocialHandle: Bool = true
        /// A spelled-out dot, "at" before a mail provider or a number spelled from its zero: an e-mail address or
        /// phone number written in words may be there.
        var mayContainSpelledContact: Bool = true
    }

    static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, clues: Clues) -> Match? {
        let first = bytes[start]
        if clues.hasAt {
            if ByteClass.isAlphanumeric(first), let end = email(bytes, at: start) {
                return Match(kind: .email, keepUntil: start, end: end)
            }
            if first == UInt8(ascii: "@") {
                guard let end = socialHandle(bytes, at: start) else { return nil }
                return Match(kind: .socialMedia, keepUntil: start, end: end)
            }
        }
        if ByteClass.isDigit(first) {
            if first == UInt8(ascii: "7"), let end = cuedMobile(bytes, at: start) {
                return Match(kind: .phone, keepUntil: start, end: end)
            }
            if let end = nhsNumber(bytes, at: start) { return Match(kind: .nhsNumber, keepUntil: start, end: end) }
            if let match = hospitalNumber(bytes, at: start) { return match }
            if let end = phone(bytes, at: start) { return Match(kind: .phone, keepUntil: start, end: end) }
            if let end = streetAddress(bytes, at: start) { return Match(kind: .address, keepUntil: start, end: end) }
            // "01484 four double four …": no cue word needed, as a number starting "0" then a number word is
            // rare, and ruled out after one word.
            if first == UInt8(ascii: "0"), let end = SpelledContactPatterns.phone(bytes, at: start) {
                return Match(kind: .phone, keepUntil: start, end: end)
            }
            return nil
        }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "(") {
            if let end = phone(bytes, at: start) { return Match(kind: .phone, keepUntil: start, end: end) }
            return nil
        }
        if clues.hasDigit, first | 0x20 == UInt8(ascii: "d") || first | 0x20 == UInt8(ascii: "b"),
            let match = dateOfBirth(bytes, at: start)
        {
            return match
        }
        // "mastodon.social/@jane": a fediverse link has an "@" if not a "/" the tokeniser notes.
        if clues.hasSlash || clues.hasAt, let end = profileLink(bytes, at: start) {
            return Match(kind: .socialMedia, keepUntil: start, end: end)
        }
        // A postcode, NI number or hospital number starting with letters has a digit within its first four
        // characters ("LS1", "AB 12", "K123"): most words have none and are ruled out by these loads.
        let count = bytes.count
        if clues.hasDigit, start + 1 < count,
            ByteClass.isDigit(bytes[start + 1]) || (start + 2 < count && ByteClass.isDigit(bytes[start + 2]))
                || (start + 3 < count && ByteClass.isDigit(bytes[start + 3]))
        {
            if let end = nationalInsuranceNumber(bytes, at: start) {
                return Match(kind: .nationalInsuranceNumber, keepUntil: start, end: end)
            }
            if let end = postcode(bytes, at: start) { return Match(kind: .postcode, keepUntil: start, end: end) }
            if let match = hospitalNumber(bytes, at: start) { return match }
        } else if clues.hasDigit, start + 4 < count, ByteClass.isDigit(bytes[start + 4]),
            ByteClass.isASCIILetter(bytes[start + 1]), ByteClass.isASCIILetter(bytes[start + 2]),
            ByteClass.isASCIILetter(bytes[start + 3]), let match = hospitalNumber(bytes, at: start)
        {
            // Four letters then the digits: "hospital number abcd1234567".
            return match
        }
        if clues.hasDigit, first | 0x20 == UInt8(ascii: "f") || first | 0x20 == UInt8(ascii: "a"),
            let end = flatAddress(bytes, at: start)
        {
            return Match(kind: .address, keepUntil: start, end: end)
        }
        if clues.mayContainSpelledContact || clues.hasAt, ByteClass.isAlphanumeric(first) {
            if let end = SpelledContactPatterns.email(bytes, at: start) {
                return Match(kind: .email, keepUntil: start, end: end)
            }
            if clues.mayContainSpelledContact, SpelledContactPatterns.mayStartPhone(first),
                let end = SpelledContactPatterns.phone(bytes, at: start)
            {
                return Match(kind: .phone, keepUntil: start, end: end)
            }
            if clues.mayContainSpelledContact, SpelledContactPatterns.mayStartMobileWithoutZero(bytes, at: start),
                let end = SpelledContactPatterns.mobileWithoutZero(bytes, at: start)
            {
                return Match(kind: .phone, keepUntil: start, end: end)
            }
        }
        // "O7700 900982": a letter O for the zero.
        if clues.hasDigit, first | 0x20 == UInt8(ascii: "o"), start + 1 < count, ByteClass.isDigit(bytes[start + 1]),
            let end = SpelledContactPatterns.phone(bytes, at: start)
        {
            return Match(kind: .phone, keepUntil: start, end: end)
        }
        if clues.mayContainSocialHandle, ByteClass.isAlphanumeric(first),
            let handle = cuedSocialHandle(bytes, at: start)
        {
            return Match(kind: .socialMedia, keepUntil: handle.lowerBound, end: handle.upperBound)
        }
        return clues.mayContainName ? name(bytes, at: start) : nil
    }

    // MARK: E-mail

    static func email(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var index = start
        while index < count, isLocalPart(bytes[index]) { index += 1 }
        guard index > start, index < count, bytes[index] == UInt8(ascii: "@") else { return nil }
        return domainEnd(bytes, at: index + 1)
    }

    /// A domain name at `start` ("example.co.uk", "mastodon.social"): two labels or more, the last of two
    /// letters or more. Where it ends.
    static func domainEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var index = start
        var labels = 0
        var lastLabelLetters = true
        var lastLabelLength = 0
        var end = index
        while index < count {
            let labelStart = index
            var lettersOnly = true
            while index < count, ByteClass.isAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
                if !ByteClass.isASCIILetter(bytes[index]) { lettersOnly = false }
                index += 1
            }
            guard index > labelStart else { break }
            labels += 1
            lastLabelLetters = lettersOnly
            lastLabelLength = index - labelStart
            end = index
            guard index + 1 < count, bytes[index] == UInt8(ascii: "."), ByteClass.isAlphanumeric(bytes[index + 1])
            else { break }
            index += 1
        }
        guard labels >= 2, lastLabelLetters, lastLabelLength >= 2 else { return nil }
        return end
    }

    @inline(__always) private static func isLocalPart(_ byte: UInt8) -> Bool {
        ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    // MARK: NHS number

    /// Ten digits, contiguous or grouped 3-3-4 (runs of spaces or tabs, hyphens or dots between the groups, the
    /// same both times), with a valid check digit. Right after an NHS label (`followsNhsLabel`), ten digits in
    /// any grouping ("NHS number 94347 65919", "nhs no is 943476 5919", "NHS number: 943 476 591 9"), with any
    /// check digit: "NHS number 943 476 5918" is still someone's (mistyped) NHS number. Only ten digits are taken,
    /// so "NHS number 943 476 5919 and ward 23" keeps "ward 23"; a run longer than ten digits is not one.
    static func nhsNumber(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )
        var index = start
        var digitCount = 0
        var firstSeparator: UInt8 = 0
        var separators = 0
        // Whether every separator so far fits a 3-3-4 grouping with the same separator both times.
        var groupedThreeThreeFour = true
        while index < count, digitCount < 10 {
            let byte = bytes[index]
            if ByteClass.isDigit(byte) {
                withUnsafeMutableBytes(of: &digits) { $0[digitCount] = byte &- 0x30 }
                digitCount += 1
                index += 1
                continue
            }
            var next = index + 1
            let kind: UInt8
            if ByteClass.isBlank(byte) {
                kind = UInt8(ascii: " ")
                while next < count, ByteClass.isBlank(bytes[next]) { next += 1 }
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                kind = byte
            } else {
                return nil
            }
            guard next < count, ByteClass.isDigit(bytes[next]) else { return nil }
            // "123456 7890" is not a 3-3-4 grouping: a separator after six digits needs one after three.
            if separators == 0 {
                firstSeparator = kind
                if digitCount != 3 { groupedThreeThreeFour = false }
            } else if separators > 1 || digitCount != 6 || kind != firstSeparator {
                groupedThreeThreeFour = false
            }
            separators += 1
            index = next
        }
        guard digitCount == 10, index >= count || !isNumberContinuation(bytes, at: index) else { return nil }
        // Unlabelled, the grouping must be complete: both separators or none.
        if separators == 0 || (separators == 2 && groupedThreeThreeFour) {
            let valid = withUnsafeBytes(of: &digits) { raw in
                NhsNumber.isValid(
                    digits: UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: 10))
            }
            if valid { return index }
        }
        // Rare (ten digits that are not a valid, well-grouped NHS number), so looking back for the label costs
        // ordinary text nothing.
        return followsNhsLabel(bytes, before: start) ? index : nil
    }

    /// Whether the text just before `start` labels an NHS number: "NHS number", "NHS no", "NHS no.", "NHS num"
    /// or "NHS #" (any case), optionally followed by "is" or "was" and by ":", "=", "-" or "(".
    static func followsNhsLabel(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var words = Lookback(bytes: bytes, index: start)
        words.skipFiller()
        if words.stepBack(over: "is") || words.stepBack(over: "was") { words.skipFiller() }
        if !words.stepBack(overByte: UInt8(ascii: "#")) {
            _ = words.stepBack(overByte: UInt8(ascii: "."))  // "NHS no."
            guard words.stepBack(over: "number") || words.stepBack(over: "no") || words.stepBack(over: "num") else {
                return false
            }
        }
        words.skipBlanksAndHyphens()
        return words.stepBack(over: "nhs")
    }

    /// Reads whole words backwards from `index`, to find the label written before a number.
    struct Lookback {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        /// Steps back over spaces, tabs, ":", "=", "-" and "(" ("NHS number: ", "mobile - ", "tel (").
        mutating func skipFiller() {
            while index > 0 {
                let byte = bytes[index - 1]
                guard
                    ByteClass.isBlank(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "=")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "(")
                else { return }
                index -= 1
            }
        }

        mutating func skipBlanksAndHyphens() {
            while index > 0, ByteClass.isBlank(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "-") {
                index -= 1
            }
        }

        /// Steps back over `byte` when it is just before `index`.
        mutating func stepBack(overByte byte: UInt8) -> Bool {
            guard index > 0, bytes[index - 1] == byte else { return false }
            index -= 1
            return true
        }

        /// Steps back over `word` (lower case) when it ends at `index` as a whole word, in any case.
        mutating func stepBack(over word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index >= length else { return false }
            let wordStart = index - length
            guard wordStart == 0 || !ByteClass.isAlphanumeric(bytes[wordStart - 1]) else { return false }
            for offset in 0..<length where ByteClass.lower(bytes[wordStart + offset]) != word.utf8Start[offset] {
                return false
            }
            index = wordStart
            return true
        }
    }

    /// A digit or letter right after a digit run means the run is part of something longer.
    @inline(__always) private static func isNumberContinuation(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> Bool {
        let byte = bytes[index]
        if ByteClass.isAlphanumeric(byte) { return true }
        // "123 456 7890 1" or "1234567890.5" continue the number.
        if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && index + 1 < bytes.count {
            return ByteClass.isDigit(bytes[index + 1])
        }
        return false
    }

    // MARK: Phone

    /// UK numbers: "0" then 9 or 10 more digits, or "+44"/"0044" then 9 or 10 digits (an optional "(0)"),
    /// with spaces or tabs, a hyphen or brackets between groups. The first group must be at least three
    /// digits long so that dates and lists of small numbers are never taken for phone numbers. A mobile
    /// copied from a phone's contacts often drops the "+" ("447700 900123"): "44" then "7" and 9 more digits
    /// is taken too, but only a mobile, as "44" then any 10 digits could be another number.
    static func phone(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var index = start
        var international = false
        var bareMobile = false
        if bytes[index] == UInt8(ascii: "4") {
            guard index + 2 < count, bytes[index + 1] == UInt8(ascii: "4") else { return nil }
            var next = index + 2
            if ByteClass.isBlank(bytes[next]) || bytes[next] == UInt8(ascii: "-") { next += 1 }
            guard next < count, bytes[next] == UInt8(ascii: "7") else { return nil }
            international = true
            bareMobile = true
            index = next
        } else if bytes[index] == UInt8(ascii: "+") {
            guard index + 2 < count, bytes[index + 1] == UInt8(ascii: "4"), bytes[index + 2] == UInt8(ascii: "4")
            else { return nil }
            international = true
            index += 3
        } else if index + 3 < count, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] == UInt8(ascii: "0"),
            bytes[index + 2] == UInt8(ascii: "4"), bytes[index + 3] == UInt8(ascii: "4")
        {
            international = true
            index += 4
        }
        var digits = 0
        var firstGroup = 0
        var groups = 0
        var currentGroup = 0
        var lastDigitEnd = index
        var openBracket = false
        while index < count {
            let byte = bytes[index]
            if ByteClass.isDigit(byte) {
                if digits == 0 && !international && byte != UInt8(ascii: "0") { return nil }
                digits += 1
                currentGroup += 1
                index += 1
                lastDigitEnd = index
                if digits > 11 { return nil }
                continue
            }
            if currentGroup > 0 {
                groups += 1
                if groups == 1 { firstGroup = currentGroup }
                currentGroup = 0
            }
            if byte == UInt8(ascii: "(") && !openBracket {
                // "+44 (0)113 ..." — skip the optional trunk zero.
                if international, index + 2 < count, bytes[index + 1] == UInt8(ascii: "0"),
                    bytes[index + 2] == UInt8(ascii: ")")
                {
                    index += 3
                    continue
                }
                openBracket = true
                index += 1
                continue
            }
            if byte == UInt8(ascii: ")") && openBracket {
                openBracket = false
                index += 1
                continue
            }
            if ByteClass.isBlank(byte) || byte == UInt8(ascii: "-") {
                var next = index + 1
                if byte != UInt8(ascii: "-") {
                    while next < count, ByteClass.isBlank(bytes[next]) { next += 1 }
                }
                guard next < count else { break }
                if ByteClass.isDigit(bytes[next]) || bytes[next] == UInt8(ascii: "(") {
                    index = next
                    continue
                }
            }
            break
        }
        if currentGroup > 0 {
            groups += 1
            if groups == 1 { firstGroup = currentGroup }
        }
        if lastDigitEnd < count, isNumberContinuation(bytes, at: lastDigitEnd) { return nil }
        if bareMobile {
            guard digits == 10 else { return nil }
        } else if international {
            guard digits == 9 || digits == 10 else { return nil }
        } else {
            guard digits == 10 || digits == 11, firstGroup >= 3 else { return nil }
        }
        return lastDigitEnd
    }

    // MARK: Mobile numbers without their leading 0

    /// A UK mobile number written without its "0" ("my mobile is 7700 900982"): ten digits starting with 7, as
    /// one run or grouped 4-6 or 4-3-3 (spaces or tabs, or a hyphen, between groups), and only after a phone cue
    /// (`followsPhoneCue`); without one, ten digits could be anything and are left alone.
    static func cuedMobile(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        guard bytes[start] == UInt8(ascii: "7") else { return nil }
        var index = start
        var digits = 0
        var breaks = 0
        while index < count, digits < 10 {
            let byte = bytes[index]
            if ByteClass.isDigit(byte) {
                digits += 1
                index += 1
                continue
            }
            var next = index + 1
            if ByteClass.isBlank(byte) {
                while next < count, ByteClass.isBlank(bytes[next]) { next += 1 }
            } else if byte != UInt8(ascii: "-") {
                return nil
            }
            guard next < count, ByteClass.isDigit(bytes[next]) else { return nil }
            breaks += 1
            // 4-6 or 4-3-3 only.
            guard (breaks == 1 && digits == 4) || (breaks == 2 && digits == 7) else { return nil }
            index = next
        }
        guard digits == 10, index >= count || !isNumberContinuation(bytes, at: index) else { return nil }
        return followsPhoneCue(bytes, before: start) ? index : nil
    }

    /// Whether the text just before `start` says a phone number follows (any case, then optionally ":", "=",
    /// "-" or "("): "ring", "call", "text", "phone", "contact" or "reach", then "me" and "on", each optional
    /// ("call me on", "text me", "ring on"); or a phone word — "mobile", "mob", "phone", "telephone", "tel",
    /// "cell", "landline", "contact" — optionally with "number", "no", "no." or "num" and "is" or "was" ("my
    /// mobile is", "mob no:", "contact number"); or "number is" / "number was" on their own, unless after "NHS".
    static func followsPhoneCue(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var words = Lookback(bytes: bytes, index: start)
        words.skipFiller()
        let on = words.stepBack(over: "on")
        if on { words.skipFiller() }
        if words.stepBack(over: "me") || on {
            words.skipFiller()
            return words.stepBack(over: "ring") || words.stepBack(over: "call") || words.stepBack(over: "text")
                || words.stepBack(over: "phone") || words.stepBack(over: "contact") || words.stepBack(over: "reach")
        }
        let verb = words.stepBack(over: "is") || words.stepBack(over: "was")
        if verb { words.skipFiller() }
        _ = words.stepBack(overByte: UInt8(ascii: "."))  // "tel.", "mob no."
        let numberWord = words.stepBack(over: "number") || words.stepBack(over: "no") || words.stepBack(over: "num")
        if numberWord { words.skipBlanksAndHyphens() }
        if words.stepBack(over: "mobile") || words.stepBack(over: "mob") || words.stepBack(over: "phone")
            || words.stepBack(over: "telephone") || words.stepBack(over: "tel") || words.stepBack(over: "cell")
            || words.stepBack(over: "landline") || words.stepBack(over: "contact")
        {
            return true
        }
        return numberWord && verb && !words.stepBack(over: "nhs")
    }

    // MARK: Postcode

    /// UK postcode shapes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA (any case; spaces or tabs
    /// between the halves, or none).
    static func postcode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var end = start
        while end < count, ByteClass.isAlphanumeric(bytes[end]), end - start < 8 { end += 1 }
        let firstLength = end - start
        guard firstLength >= 2, firstLength <= 7 else { return nil }
        if end < count, ByteClass.isBlank(bytes[end]), firstLength <= 4 {
            // Outward code, spaces or tabs ("LS1  4AP"), then a three-character inward code.
            var inwardStart = end + 1
            while inwardStart < count, ByteClass.isBlank(bytes[inwardStart]) { inwardStart += 1 }
            guard inwardStart + 3 <= count, isOutward(bytes, start, end), isInward(bytes, inwardStart) else {
                return nil
            }
            let inwardEnd = inwardStart + 3
            guard inwardEnd >= count || !ByteClass.isAlphanumeric(bytes[inwardEnd]) else { return nil }
            return inwardEnd
        }
        guard firstLength >= 5, end >= count || !ByteClass.isAlphanumeric(bytes[end]) || bytes[end] >= 0x80 else {
            return nil
        }
        guard end >= count || !ByteClass.isAlphanumeric(bytes[end]) else { return nil }
        guard isOutward(bytes, start, end - 3), isInward(bytes, end - 3) else { return nil }
        return end
    }

    private static func isOutward(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length >= 2, length <= 4, ByteClass.isASCIILetter(bytes[start]) else { return false }
        var index = start + 1
        if ByteClass.isASCIILetter(bytes[index]) { index += 1 }
        guard index < end, ByteClass.isDigit(bytes[index]) else { return false }
        index += 1
        if index < end { index += 1 }  // optional digit or letter
        guard index == end else { return false }
        return true
    }

    private static func isInward(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        ByteClass.isDigit(bytes[start]) && isInwardLetter(bytes[start + 1]) && isInwardLetter(bytes[start + 2])
    }

    /// Inward-code letters never include C, I, K, M, O or V.
    @inline(__always) private static func isInwardLetter(_ byte: UInt8) -> Bool {
        guard ByteClass.isASCIILetter(byte) else { return false }
        switch byte | 0x20 {
        case UInt8(ascii: "c"), UInt8(ascii: "i"), UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "o"),
            UInt8(ascii: "v"):
            return false
        default: return true
        }
    }

    // MARK: Names after titles, roles and lead-ins

    static func name(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        let count = bytes.count
        let first = ByteClass.lower(bytes[start])
        guard ByteClass.isLower(first) else { return nil }
        var end = start
        while end < count, ByteClass.isASCIILetter(bytes[end]) { end += 1 }
        let length = end - start
        // "I'm Zelda Quibble": the apostrophe ends the scanned word at "I".
        if length == 1, first == UInt8(ascii: "i"), let afterM = PersonalDataPatterns.endOfIm(bytes, at: end) {
            return nameAfterLeadIn(bytes, leadIn: .am, start: start, end: afterM, afterI: true)
        }
        guard length >= 2, length <= 15 else { return nil }
        // A capitalised word may be a first name on its own ("Mandy was lovely"); any other word must be a
        // title, role or lead-in for a name to follow.
        let capitalised = ByteClass.isUpper(bytes[start]) && ByteClass.isLower(bytes[start + 1])
        let maybeCue = NameCues.firstLetterLengths[Int(first &- UInt8(ascii: "a"))] & (1 << UInt32(length)) != 0
        guard capitalised || maybeCue else { return nil }
        var rawHash = StableHash.offset
        for index in start..<end { rawHash = (rawHash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        let hash = StableHash.mix(rawHash)
        if capitalised, GivenNames.hashes.value(for: hash) != nil {
            return givenName(bytes, start: start, end: end, rawHash: rawHash)
        }
        guard maybeCue else { return nil }
        let isHonorific = NameCues.honorifics.value(for: hash) != nil
        guard isHonorific || NameCues.roles.value(for: hash) != nil else {
            guard let leadIn = NameCues.leadIns.value(for: hash) else { return nil }
            return nameAfterLeadIn(bytes, leadIn: NameCues.LeadIn(rawValue: leadIn)!, start: start, end: end)
        }
        var index = end
        if isHonorific, index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            // "Dr.Patel": the full stop alone parts the title from a capitalised name.
            if index < count, ByteClass.isUpper(bytes[index]) {
                guard let firstEnd = nameWord(bytes, at: index, lowercaseAllowed: false) else { return nil }
                return Match(kind: .name, keepUntil: index, end: withSurname(bytes, firstEnd))
            }
        }
        // "the receptionist, sarah, was rude": a name set off by commas after a role (not after "called" or
        // "named", where a comma ends the clause: "she called, Leeds answered").
        let afterComma =
            !isHonorific && index < count && bytes[index] == UInt8(ascii: ",") && hash != NameCues.calledHash
            && hash != NameCues.namedHash
        if afterComma { index += 1 }
        guard index < count, bytes[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        // A role before a title ("GP Dr. Smith", "nurse Mrs Jones"): the title's own match takes the name, with
        // its full stop, rather than the title being taken for the name.
        if !isHonorific, let (_, _, nextRaw) = wordAfter(index - 1, in: bytes),
            NameCues.honorifics.value(for: StableHash.mix(nextRaw)) != nil
        {
            return nil
        }
        if afterComma { return nameAfterRoleAndComma(bytes, at: index) }
        // A lower-case name only follows an honorific written as one ("dr patel", "Mrs smith"), not an
        // all-capitals word that is more likely an acronym ("MS teams", "MR scan").
        let honorificInCapitals = length >= 2 && ByteClass.isUpper(bytes[start]) && ByteClass.isUpper(bytes[start + 1])
        // After a role or relation, a lower-case word is a name only when it is a first name ("a nurse called
        // jane", "my husband ian"), never an ordinary word ("nurse came", "called back").
        if let firstEnd = nameWord(bytes, at: index, lowercaseAllowed: isHonorific && !honorificInCapitals) {
            // "the nurse called Harrogate", "I called Leeds General": a place or service, not a person.
            if hash == NameCues.calledHash || hash == NameCues.namedHash, isPlace(bytes, index..<firstEnd) {
                return nil
            }
            return Match(kind: .name, keepUntil: index, end: withSurname(bytes, firstEnd))
        }
        guard !isHonorific, let firstEnd = lowerCaseGivenName(bytes, at: index) else { return nil }
        return Match(kind: .name, keepUntil: index, end: withLowerCaseSurname(bytes, firstEnd))
    }

    /// After a role and a comma: a first name in lower case ("the receptionist, sarah, was rude"), or a
    /// capitalised name with its surname that another comma closes ("the nurse, Bryony Smith, was lovely") or
    /// a verb follows ("the receptionist, Bryony was rude"; then not an ordinary word either, `isCommonWord`),
    /// unless it is a common word, a role, a day, a month, a family or staff word or a place ("the
    /// receptionist, However, was", "the doctor, Nurse, Physio", `NameCues.notNamesAfterComma`). A capitalised
    /// first name in `GivenNames` is found on its own, comma or not ("the nurse, Jane was lovely").
    private static func nameAfterRoleAndComma(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        if let firstEnd = lowerCaseGivenName(bytes, at: start) {
            return Match(kind: .name, keepUntil: start, end: withLowerCaseSurname(bytes, firstEnd))
        }
        guard let firstEnd = nameWord(bytes, at: start, lowercaseAllowed: false) else { return nil }
        let end = withSurname(bytes, firstEnd)
        guard !isRoleOrCommonAfterComma(bytes, start..<firstEnd) else { return nil }
        // An everyday noun starts a new clause or a list, comma or not: "thank you nurse, Food was cold", "the
        // nurse, Tea, toast and a smile".
        var raw = StableHash.offset
        for index in start..<firstEnd { raw = (raw ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        guard !isEverydayNoun(bytes, start..<firstEnd, raw) else { return nil }
        if end < bytes.count, bytes[end] == UInt8(ascii: ",") { return Match(kind: .name, keepUntil: start, end: end) }
        // No closing comma ("the receptionist, Bryony was rude"): only a word that is not an ordinary one, before
        // a verb that says what the person did or was, so "the nurse, Overall great" stays.
        guard !isCommonWord(bytes, start..<firstEnd, raw), let (next, nextEnd, nextRaw) = wordAfter(end, in: bytes),
            next == end + 1, ByteClass.isLower(bytes[next]), isVerbAfterName(bytes, next..<nextEnd, nextRaw)
        else { return nil }
        return Match(kind: .name, keepUntil: start, end: end)
    }

    /// A verb that follows a person's name as its subject ("was", "told", "never"; `NameCues.verbsAfterName`),
    /// or a past tense ("explained", "listened").
    private static func isVerbAfterName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ raw: UInt64) -> Bool
    {
        if NameCues.verbsAfterName.value(for: StableHash.mix(raw)) != nil { return true }
        return range.count >= 4 && ByteClass.lower(bytes[range.upperBound - 2]) == UInt8(ascii: "e")
            && ByteClass.lower(bytes[range.upperBound - 1]) == UInt8(ascii: "d")
    }

    /// An everyday noun that starts a clause (`NameCues.everydayNouns`: "Food", "Parking") or a word with a
    /// noun's ending that names no one: "tion", "sion", "ment", "ness", "ship" or "ism" ("Communication",
    /// "Treatment", "Kindness"). `raw` is the unmixed lower-case hash of the word in `range`.
    static func isEverydayNoun(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ raw: UInt64) -> Bool {
        let hash = StableHash.mix(raw)
        if NameCues.everydayNouns.value(for: hash) != nil { return true }
        // "the doctor, Clement was kind": a name with a noun's ending.
        guard range.count >= 6, hash != clementHash else { return false }
        let end = range.upperBound
        func endsWith(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            return suffix.withUTF8Buffer { letters in
                (0..<length).allSatisfy { ByteClass.lower(bytes[end - length + $0]) == letters[$0] }
            }
        }
        return endsWith("tion") || endsWith("sion") || endsWith("ment") || endsWith("ness") || endsWith("ship")
            || endsWith("ism")
    }

    private static let clementHash = StableHash.fnv1a("clement")

    /// Whether the word in `range` is a role (or a role's plural: "Doctors") or a word of
    /// `NameCues.notNamesAfterComma`.
    private static func isRoleOrCommonAfterComma(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var hash = StableHash.offset
        var withoutLast = hash
        for index in range {
            withoutLast = hash
            hash = (hash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime
        }
        let mixed = StableHash.mix(hash)
        if NameCues.notNamesAfterComma.value(for: mixed) != nil || NameCues.roles.value(for: mixed) != nil
            || NameCues.honorifics.value(for: mixed) != nil
        {
            return true
        }
        return ByteClass.lower(bytes[range.upperBound - 1]) == UInt8(ascii: "s")
            && NameCues.roles.value(for: StableHash.mix(withoutLast)) != nil
    }

    /// Whether the word in `range` is a place or service in `NameCues.placesAfterCalled`.
    private static func isPlace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var hash = StableHash.offset
        for index in range { hash = (hash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        return NameCues.placesAfterCalled.value(for: StableHash.mix(hash)) != nil
    }

    /// Extends a first name written in lower case by its surname: a capitalised one ("my husband ian Smith"),
    /// or a lower-case word that is not a common one ("a nurse called jane smith") and is followed by the end
    /// of the text, punctuation or another common word ("jane smith was rude"). Common words are
    /// `NameCues.notNames`, `NameCues.notSurnames` and words ending in "ed", "ing" or "ly", so "a nurse called
    /// jane and she", "my husband ian was" and "my son jack tried" keep the word after the name; surnames with
    /// those endings (`NameCues.surnamesWithCommonEndings`: "jane reed", "jane kelly") are taken all the same.
    private static func withLowerCaseSurname(_ bytes: UnsafeBufferPointer<UInt8>, _ firstEnd: Int) -> Int {
        let capitalised = withSurname(bytes, firstEnd)
        guard capitalised == firstEnd else { return capitalised }
        guard let (start, wordEnd, raw) = wordAfter(firstEnd, in: bytes), start == firstEnd + 1,
            ByteClass.isLower(bytes[start]), wordEnd - start >= 2, wordEnd - start <= 20,
            // "called jane reed", "jane kelly", "jane manning": surnames with an ordinary word's ending.
            NameCues.surnamesWithCommonEndings.value(for: StableHash.mix(raw)) != nil
                || !isCommonWord(bytes, start..<wordEnd, raw)
        else { return firstEnd }
        // A double-barrelled surname goes whole: "jane smith-jones".
        var end = wordEnd
        while end + 1 < bytes.count, bytes[end] == UInt8(ascii: "-"), ByteClass.isASCIILetter(bytes[end + 1]) {
            end += 1
            while end < bytes.count, ByteClass.isASCIILetter(bytes[end]) { end += 1 }
        }
        guard end >= bytes.count || !(ByteClass.isDigit(bytes[end]) || bytes[end] >= 0x80) else { return firstEnd }
        // What follows must end the name: nothing, punctuation, or a common word.
        guard end < bytes.count, bytes[end] == UInt8(ascii: " ") else { return end }
        guard let (next, nextEnd, nextRaw) = wordAfter(end, in: bytes) else {
            // Blanks and then punctuation, a digit or the end of the text.
            return end
        }
        return isCommonWord(bytes, next..<nextEnd, nextRaw) ? end : firstEnd
    }

    /// A word that reads as ordinary English after a name: `NameCues.notNames`, `NameCues.notSurnames`, or a
    /// word ending in "ed", "ing" or "ly". `raw` is the unmixed lower-case hash of the word in `range`.
    static func isCommonWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ raw: UInt64) -> Bool {
        let hash = StableHash.mix(raw)
        if NameCues.notNames.value(for: hash) != nil || NameCues.notSurnames.value(for: hash) != nil { return true }
        let length = range.count
        guard length >= 3 else { return false }
        let last = ByteClass.lower(bytes[range.upperBound - 1])
        let secondLast = ByteClass.lower(bytes[range.upperBound - 2])
        if secondLast == UInt8(ascii: "e") && last == UInt8(ascii: "d") { return true }
        if secondLast == UInt8(ascii: "l") && last == UInt8(ascii: "y") { return true }
        return length >= 4 && ByteClass.lower(bytes[range.upperBound - 3]) == UInt8(ascii: "i")
            && secondLast == UInt8(ascii: "n") && last == UInt8(ascii: "g")
    }

    /// A first name (`GivenNames`) written in lower case, as a whole word: where it ends.
    private static func lowerCaseGivenName(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var end = start
        var hash = StableHash.offset
        while end < count, ByteClass.isLower(bytes[end]) {
            hash = (hash ^ UInt64(bytes[end])) &* StableHash.prime
            end += 1
        }
        guard end - start >= 2, GivenNames.hashes.value(for: StableHash.mix(hash)) != nil else { return nil }
        // A double-barrelled name goes whole: "jane-marie", not "[name]-marie".
        while end + 1 < count, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "'"),
            ByteClass.isASCIILetter(bytes[end + 1])
        {
            end += 1
            while end < count, ByteClass.isASCIILetter(bytes[end]) { end += 1 }
        }
        guard end >= count || !(ByteClass.isAlphanumeric(bytes[end]) || bytes[end] >= 0x80) else { return nil }
        return end
    }

    /// A first name on its own (`GivenNames`), with its surname if one follows, unless it is part of a place's
    /// name: "St Ann's House", "X-Ray", "Victoria Road", "James Cook University Hospital", "James Cook".
    private static func givenName(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, rawHash: UInt64
    ) -> Match? {
        let count = bytes.count
        if start > 0 {
            let before = bytes[start - 1]
            // Inside a word: "X-Ray", "O'Brien", "Jean-Luc" is left to the rest of the word.
            if ByteClass.isAlphanumeric(before) || before == UInt8(ascii: "-") || before == UInt8(ascii: "'")
                || before >= 0x80
            {
                return nil
            }
            if let previous = wordHash(endingBefore: start, in: bytes),
                GivenNames.placePrefixes.value(for: previous) != nil
            {
                return nil
            }
        }
        var index = end
        // "Mark's": the possessive is not part of the name, and a place may follow it ("St Ann's House").
        if index + 1 < count, bytes[index] == UInt8(ascii: "'"), bytes[index + 1] | 0x20 == UInt8(ascii: "s") {
            index += 2
        } else if index + 3 < count, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99,
            bytes[index + 3] | 0x20 == UInt8(ascii: "s")
        {
            index += 4
        }
        // "Claire/Rebecca/Megan": "/" joins words for the redactor's scan, so the names after it go with this one.
        var listEnd = end
        while index == end, listEnd + 2 < count, bytes[listEnd] == UInt8(ascii: "/"),
            ByteClass.isUpper(bytes[listEnd + 1]), ByteClass.isLower(bytes[listEnd + 2])
        {
            var wordEnd = listEnd + 1
            var hash = StableHash.offset
            while wordEnd < count, ByteClass.isASCIILetter(bytes[wordEnd]) {
                hash = (hash ^ UInt64(ByteClass.lower(bytes[wordEnd]))) &* StableHash.prime
                wordEnd += 1
            }
            guard GivenNames.hashes.value(for: StableHash.mix(hash)) != nil else { break }
            listEnd = wordEnd
        }
        if listEnd > end { return Match(kind: .name, keepUntil: start, end: listEnd) }
        var afterBlanks = index
        while afterBlanks < count, bytes[afterBlanks] == UInt8(ascii: " ") { afterBlanks += 1 }
        // A ward named after a person, with its number ("City Edward 2").
        if afterBlanks > index, afterBlanks < count, ByteClass.isDigit(bytes[afterBlanks]) { return nil }
        guard let (next, nextEnd, nextRaw) = wordAfter(index, in: bytes) else {
            return Match(kind: .name, keepUntil: start, end: end)
        }
        if GivenNames.placeWords.value(for: StableHash.mix(nextRaw)) != nil { return nil }
        if index == end, ByteClass.isUpper(bytes[next]) {
            // "James Cook": the name, a space and the next word, hashed as one.
            var pair = (rawHash ^ UInt64(UInt8(ascii: " "))) &* StableHash.prime
            for position in next..<nextEnd {
                pair = (pair ^ UInt64(ByteClass.lower(bytes[position]))) &* StableHash.prime
            }
            if GivenNames.hospitalNames.value(for: StableHash.mix(pair)) != nil { return nil }
            if let (_, _, afterRaw) = wordAfter(nextEnd, in: bytes),
                GivenNames.placeWords.value(for: StableHash.mix(afterRaw)) != nil
            {
                return nil
            }
        }
        return Match(kind: .name, keepUntil: start, end: index == end ? withSurname(bytes, end) : end)
    }

    /// The letters-and-apostrophes word after `position` and the blanks that follow it: its start, end and
    /// unmixed hash in lower case; nil at the end of the text or before punctuation.
    private static func wordAfter(_ position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, UInt64)? {
        var start = position
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start > position, start < bytes.count, ByteClass.isASCIILetter(bytes[start]) else { return nil }
        var end = start
        var hash = StableHash.offset
        while end < bytes.count, ByteClass.isASCIILetter(bytes[end]) || bytes[end] == UInt8(ascii: "'") {
            hash = (hash ^ UInt64(ByteClass.lower(bytes[end]))) &* StableHash.prime
            end += 1
        }
        return (start, end, hash)
    }

    /// The mixed lower-case hash of the word just before `position` (after blanks and a full stop, as in
    /// "St. Ann"), or nil when there is none.
    private static func wordHash(endingBefore position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var end = position
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end < position else { return nil }
        var start = end
        while start > 0, ByteClass.isASCIILetter(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        var hash = StableHash.offset
        for index in start..<end { hash = (hash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        return StableHash.mix(hash)
    }

    /// Extends a name by an optional surname ("nurse Jane Smith"); always capitalised.
    private static func withSurname(_ bytes: UnsafeBufferPointer<UInt8>, _ firstEnd: Int) -> Int {
        if firstEnd + 1 < bytes.count, bytes[firstEnd] == UInt8(ascii: " "),
            let surnameEnd = nameWord(bytes, at: firstEnd + 1, lowercaseAllowed: false)
        {
            return surnameEnd
        }
        return firstEnd
    }

    /// A capitalised name (and surname) introduced by a lead-in word between `start` and `end`, in its context:
    /// "name is|was Sarah", "this is Sarah writing|calling|here|speaking|from", "name's Sarah", "call me
    /// Sarah", "signed Sarah", and "from Sarah" ending the comment after a thank-you or punctuation. Never a
    /// lower-case word ("my name is on the list", "my name was not called").
    private static func nameAfterLeadIn(
        _ bytes: UnsafeBufferPointer<UInt8>, leadIn: NameCues.LeadIn, start: Int, end: Int, afterI: Bool = false
    ) -> Match? {
        let count = bytes.count
        var nameStart = end + 1
        var needsFollower = false
        switch leadIn {
        case .am:
            // "I am Zelda Quibble", "I'm Zelda Quibble": only a first name and a surname, neither a word that
            // says who someone is ("I am British Asian", "I am Deputy Manager"). "I am Polish" stays.
            guard afterI || word(before: start, in: bytes, is: "i"), nameStart < count,
                bytes[nameStart - 1] == UInt8(ascii: " "),
                let firstEnd = nameWord(bytes, at: nameStart, lowercaseAllowed: false),
                firstEnd + 1 < count, bytes[firstEnd] == UInt8(ascii: " "),
                let surnameEnd = nameWord(bytes, at: firstEnd + 1, lowercaseAllowed: false),
                !isSelfDescription(bytes, nameStart..<firstEnd), !isSelfDescription(bytes, (firstEnd + 1)..<surnameEnd)
            else { return nil }
            return Match(kind: .name, keepUntil: nameStart, end: surnameEnd)
        case .is, .was:
            if word(before: start, in: bytes, is: "name") {
                break
            } else if leadIn == .is, word(before: start, in: bytes, is: "this") {
                needsFollower = true
            } else {
                return nil
            }
        case .name:
            // "name's" or "name’s", then the name.
            if end + 2 < count, bytes[end] == UInt8(ascii: "'"), bytes[end + 1] | 0x20 == UInt8(ascii: "s") {
                nameStart = end + 3
            } else if end + 4 < count, bytes[end] == 0xE2, bytes[end + 1] == 0x80, bytes[end + 2] == 0x99,
                bytes[end + 3] | 0x20 == UInt8(ascii: "s")
            {
                nameStart = end + 5
            } else {
                return nil
            }
        case .me:
            guard word(before: start, in: bytes, is: "call") else { return nil }
        case .from:
            guard followsSignOff(bytes, before: start) else { return nil }
        case .signed:
            break
        }
        // A lower-case word only when it is a first name: "my name is sarah", never "my name is on the list".
        guard nameStart < count, bytes[nameStart - 1] == UInt8(ascii: " "),
            let firstEnd = nameWord(bytes, at: nameStart, lowercaseAllowed: false)
                ?? (leadIn == .from ? nil : lowerCaseGivenName(bytes, at: nameStart))
        else { return nil }
        let nameEnd =
            ByteClass.isLower(bytes[nameStart]) ? withLowerCaseSurname(bytes, firstEnd) : withSurname(bytes, firstEnd)
        if needsFollower {
            guard nameEnd + 1 < count, bytes[nameEnd] == UInt8(ascii: " ") || bytes[nameEnd] == UInt8(ascii: ",")
            else { return nil }
            var next = nameEnd + 1
            while next < count, ByteClass.isBlank(bytes[next]) { next += 1 }
            guard NameCues.introductionFollowers.contains(where: { startsWord($0, in: bytes, at: next) }) else {
                return nil
            }
        }
        if leadIn == .from {
            // Only a sign-off: nothing but punctuation, spaces and kisses after the name.
            var next = nameEnd
            while next < count {
                let byte = bytes[next]
                if ByteClass.isAlphanumeric(byte) && byte | 0x20 != UInt8(ascii: "x") { return nil }
                next += 1
            }
        }
        return Match(kind: .name, keepUntil: nameStart, end: nameEnd)
    }

    /// Where "'m" or "’m" after an "I" at `index` ends, if they follow it as a whole word.
    static func endOfIm(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let count = bytes.count
        var next = index
        if next + 1 < count, bytes[next] == UInt8(ascii: "'") {
            next += 1
        } else if next + 3 < count, bytes[next] == 0xE2, bytes[next + 1] == 0x80, bytes[next + 2] == 0x99 {
            next += 3
        } else {
            return nil
        }
        guard bytes[next] | 0x20 == UInt8(ascii: "m"), next + 1 == count || !ByteClass.isASCIILetter(bytes[next + 1])
        else { return nil }
        return next + 1
    }

    /// Whether the word in `range` says who someone is rather than naming them (`NameCues.notSelfNames`).
    private static func isSelfDescription(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var hash = StableHash.offset
        for index in range { hash = (hash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        return NameCues.notSelfNames.value(for: StableHash.mix(hash)) != nil
    }

    /// Whether the whole word just before `position` (after one or more blanks) is `word`, in any case.
    private static func word(
        before position: Int, in bytes: UnsafeBufferPointer<UInt8>, is word: StaticString
    )
        -> Bool
    {
        var index = position
        guard index > 0, ByteClass.isBlank(bytes[index - 1]) else { return false }
        while index > 0, ByteClass.isBlank(bytes[index - 1]) { index -= 1 }
        let length = word.utf8CodeUnitCount
        guard index >= length else { return false }
        let wordStart = index - length
        guard wordStart == 0 || !ByteClass.isASCIILetter(bytes[wordStart - 1]) else { return false }
        for offset in 0..<length where ByteClass.lower(bytes[wordStart + offset]) != word.utf8Start[offset] {
            return false
        }
        return true
    }

    /// Whether `word` (lower case) starts at `index` as a whole word, in any case.
    private static func startsWord(_ word: String, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var position = index
        for expected in word.utf8 {
            guard position < bytes.count, ByteClass.lower(bytes[position]) == expected else { return false }
            position += 1
        }
        return position >= bytes.count || !ByteClass.isASCIILetter(bytes[position])
    }

    /// Whether "from" at `position` opens a sign-off: it starts the comment or follows punctuation, or
    /// follows "thank you", "thanks", "(thank you so) much", "again", "regards", "wishes", "love" or "cheers".
    private static func followsSignOff(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Bool {
        var index = position
        while index > 0, ByteClass.isBlank(bytes[index - 1]) || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x0D {
            index -= 1
        }
        if index == 0 { return true }
        switch bytes[index - 1] {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "-"), UInt8(ascii: ":"),
            UInt8(ascii: ";"):
            return true
        default: break
        }
        return word(before: position, in: bytes, is: "you") || word(before: position, in: bytes, is: "thanks")
            || word(before: position, in: bytes, is: "much") || word(before: position, in: bytes, is: "again")
            || word(before: position, in: bytes, is: "regards") || word(before: position, in: bytes, is: "wishes")
            || word(before: position, in: bytes, is: "love") || word(before: position, in: bytes, is: "cheers")
    }

    // MARK: Street addresses

    /// A house number (1–4 digits, an optional letter: "12", "12a") then one to three capitalised words, the
    /// last a street type: "12 Acacia Avenue", "21 Park Road", "3 St John's Close". Numbers followed by
    /// anything else ("waited 10 hours", "ward 23", "bay 4") never match.
    static func streetAddress(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var index = start
        while index < count, ByteClass.isDigit(bytes[index]) { index += 1 }
        guard index - start <= 4, index < count else { return nil }
        if ByteClass.isASCIILetter(bytes[index]) { index += 1 }
        if index < count, bytes[index] == UInt8(ascii: ",") { index += 1 }
        guard index < count, bytes[index] == UInt8(ascii: " ") else { return nil }
        var words = 0
        while words < 4 {
            let wordStart = index + 1
            guard wordStart < count, ByteClass.isUpper(bytes[wordStart]) else { return nil }
            var wordEnd = wordStart
            var hash = StableHash.offset
            while wordEnd < count {
                let byte = bytes[wordEnd]
                if ByteClass.isASCIILetter(byte) {
                    hash = (hash ^ UInt64(ByteClass.lower(byte))) &* StableHash.prime
                } else if (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")) && wordEnd + 1 < count
                    && ByteClass.isASCIILetter(bytes[wordEnd + 1])
                {
                    hash = (hash ^ UInt64(byte)) &* StableHash.prime
                } else {
                    break
                }
                wordEnd += 1
            }
            guard wordEnd - wordStart >= 2 || words > 0,
                wordEnd >= count || !(ByteClass.isDigit(bytes[wordEnd]) || bytes[wordEnd] >= 0x80)
            else { return nil }
            words += 1
            if words >= 2, streetTypes.value(for: StableHash.mix(hash)) != nil { return wordEnd }
            guard wordEnd < count, bytes[wordEnd] == UInt8(ascii: " ") else { return nil }
            index = wordEnd
        }
        return nil
    }

    /// "Flat 3, 21 Park Road" or "Apartment 2 12 Acacia Avenue": the flat and the street address together.
    static func flatAddress(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var index = start
        while index < count, ByteClass.isASCIILetter(bytes[index]) { index += 1 }
        guard startsWord("flat", in: bytes, at: start) || startsWord("apartment", in: bytes, at: start),
            index + 1 < count, bytes[index] == UInt8(ascii: " "), ByteClass.isDigit(bytes[index + 1])
        else { return nil }
        index += 1
        let numberStart = index
        while index < count, ByteClass.isDigit(bytes[index]) { index += 1 }
        guard index - numberStart <= 4, index < count else { return nil }
        if ByteClass.isASCIILetter(bytes[index]) { index += 1 }
        if index < count, bytes[index] == UInt8(ascii: ",") { index += 1 }
        guard index + 1 < count, bytes[index] == UInt8(ascii: " "), ByteClass.isDigit(bytes[index + 1]) else {
            return nil
        }
        return streetAddress(bytes, at: index + 1)
    }

    static let streetTypeWords = [
        "road", "rd", "street", "st", "avenue", "ave", "lane", "drive", "close", "way", "crescent", "place",
        "gardens", "grove", "terrace", "court", "square", "hill", "rise", "mews", "row", "parade", "vale",
        "croft", "walk", "boulevard", "chase", "gate", "fold", "wynd", "view",
    ]
    private static let streetTypes: FlatHashMap = NameCues.hashes(streetTypeWords)

    /// A name-like word (letters, inner hyphens or apostrophes) that is not a common word.
    private static func nameWord(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, lowercaseAllowed: Bool) -> Int? {
        let count = bytes.count
        guard start < count else { return nil }
        let first = bytes[start]
        guard ByteClass.isUpper(first) || (lowercaseAllowed && ByteClass.isLower(first)) else { return nil }
        var end = start
        var hash = StableHash.offset
        while end < count {
            let byte = bytes[end]
            if ByteClass.isASCIILetter(byte) {
                hash = (hash ^ UInt64(ByteClass.lower(byte))) &* StableHash.prime
                end += 1
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")), end + 1 < count,
                ByteClass.isASCIILetter(bytes[end + 1]), end > start
            {
                hash = (hash ^ UInt64(byte)) &* StableHash.prime
                end += 1
            } else {
                break
            }
        }
        guard end - start >= 2 || ByteClass.isUpper(first) else { return nil }
        guard end >= count || !(ByteClass.isDigit(bytes[end]) || bytes[end] >= 0x80) else { return nil }
        guard NameCues.notNames.value(for: StableHash.mix(hash)) == nil else { return nil }
        return end
    }
}
