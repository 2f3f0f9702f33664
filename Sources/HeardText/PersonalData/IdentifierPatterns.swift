/// National Insurance numbers and hospital numbers: identifiers that name one person as surely as an NHS
/// number, but have no check digit, so they are recognised by their exact shape or by the label before them.
extension PersonalDataPatterns {
    // MARK: National Insurance number

    /// Two prefix letters, six digits and a suffix letter A–D: "AB 12 34 56 C", "AB123456C", "AB-12-34-56-C"
    /// (any case; one blank, hyphen or full stop, the same each time, may follow the prefix and each pair of
    /// digits). The prefix must be one that is issued: neither
    /// letter D, F, I, Q, U or V, the second not O, and not BG, GB, KN, NK, NT, TN or ZZ. After an NI label
    /// ("NI number", "national insurance no:") the suffix may be left off.
    static func nationalInsuranceNumber(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        guard start + 8 <= count, ByteClass.isDigit(bytes[start + 2]) || isSeparator(bytes[start + 2]),
            isIssuedPrefix(bytes[start], bytes[start + 1])
        else { return nil }
        var index = start + 2
        // One separator kind throughout: blanks ("AB 12 34 56 C"), hyphens or full stops ("AB-12-34-56-C").
        var separator: UInt8 = 0
        if isSeparator(bytes[index]) {
            separator = bytes[index]
            index += 1
        }
        var digits = 0
        while digits < 6 {
            guard index < count else { return nil }
            let byte = bytes[index]
            if ByteClass.isDigit(byte) {
                digits += 1
                index += 1
            } else if isSeparator(byte), separator == 0 || separator == byte, digits == 2 || digits == 4,
                index + 1 < count, ByteClass.isDigit(bytes[index + 1])
            {
                separator = byte
                index += 1
            } else {
                return nil
            }
        }
        if index >= count || !ByteClass.isAlphanumeric(bytes[index]) && !isSuffixAfterSeparator(bytes, index) {
            return followsNationalInsuranceLabel(bytes, before: start) ? index : nil
        }
        if isSeparator(bytes[index]) { index += 1 }
        guard isSuffix(bytes[index]), index + 1 >= count || !ByteClass.isAlphanumeric(bytes[index + 1]) else {
            return nil
        }
        return index + 1
    }

    private static func isIssuedPrefix(_ first: UInt8, _ second: UInt8) -> Bool {
        guard ByteClass.isASCIILetter(first), ByteClass.isASCIILetter(second) else { return false }
        let a = ByteClass.lower(first)
        let b = ByteClass.lower(second)
        for excluded in "dfiquv".utf8 where a == excluded || b == excluded { return false }
        if b == UInt8(ascii: "o") { return false }
        switch (a, b) {
        case (UInt8(ascii: "b"), UInt8(ascii: "g")), (UInt8(ascii: "g"), UInt8(ascii: "b")),
            (UInt8(ascii: "k"), UInt8(ascii: "n")), (UInt8(ascii: "n"), UInt8(ascii: "k")),
            (UInt8(ascii: "n"), UInt8(ascii: "t")), (UInt8(ascii: "t"), UInt8(ascii: "n")),
            (UInt8(ascii: "z"), UInt8(ascii: "z")):
            return false
        default:
            return true
        }
    }

    @inline(__always) private static func isSuffix(_ byte: UInt8) -> Bool {
        let lower = ByteClass.lower(byte)
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "d")
    }

    @inline(__always) private static func isSeparator(_ byte: UInt8) -> Bool {
        ByteClass.isBlank(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// A separator, then a suffix letter that ends the word: "AB 12 34 56 C", "AB-12-34-56-C".
    private static func isSuffixAfterSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index + 1 < bytes.count, isSeparator(bytes[index]), isSuffix(bytes[index + 1]) else {
            return false
        }
        return index + 2 >= bytes.count || !ByteClass.isAlphanumeric(bytes[index + 2])
    }

    /// "NI number", "NI no.", "N.I. number", "national insurance number", "national insurance", "NINO", each
    /// optionally followed by "is" or "was" and by ":", "=", "-" or "(".
    static func followsNationalInsuranceLabel(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var words = Lookback(bytes: bytes, index: start)
        words.skipFiller()
        if words.stepBack(over: "is") || words.stepBack(over: "was") { words.skipFiller() }
        if words.stepBack(over: "nino") { return true }
        _ = words.stepBack(overByte: UInt8(ascii: "."))  // "NI no."
        if words.stepBack(over: "number") || words.stepBack(over: "no") || words.stepBack(over: "num") {
            words.skipBlanksAndHyphens()
        }
        if words.stepBack(over: "insurance") {
            words.skipBlanksAndHyphens()
            return words.stepBack(over: "national")
        }
        if words.stepBack(overByte: UInt8(ascii: ".")), words.stepBack(over: "i"),
            words.stepBack(overByte: UInt8(ascii: "."))
        {
            return words.stepBack(over: "n")  // "N.I."
        }
        return words.stepBack(over: "ni")
    }

    // MARK: Hospital number

    /// A hospital's own number for a patient, only after its label ("hospital number K1234567", "MRN: 0012345",
    /// "patient ID RJ1 2345678", "hosp no 123 4567"): one to three groups of letters and digits, at least five
    /// digits in all and no more than twelve characters, the first group holding a digit or followed by one.
    /// A first group of one to four letters on its own, in either case ("hospital number RVH 123 456 7", "MRN
    /// rvh 1234567"), is taken with the digits after it, unless it is a small word ("number of 12345"). Without a label, a run of digits could be anything and is left alone.
    static func hospitalNumber(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        guard let (end, characters) = hospitalNumberShape(bytes, at: start) else { return nil }
        if followsHospitalNumberLabel(bytes, before: start) {
            // "hospital no is 1234567", "PATIENT ID NO 1234567": the label's last word is not the number's, nor
            // is a small word ("hospital number of 12345678").
            var lettersEnd = start
            while ByteClass.isASCIILetter(bytes[lettersEnd]) { lettersEnd += 1 }
            if lettersEnd > start, ByteClass.isBlank(bytes[lettersEnd]),
                isLabelWord(bytes, start..<lettersEnd) || isSmallWord(bytes, start..<lettersEnd)
            {
                return nil
            }
            return Match(kind: .hospitalNumber, keepUntil: start, end: end)
        }
        // "RVH 123 456 7": capital letters apart from the digits, right after the label. Rare (a labelled-looking
        // number without its label), so ordinary numbers pay nothing for it.
        guard ByteClass.isDigit(bytes[start]), start >= 2, ByteClass.isBlank(bytes[start - 1]) else { return nil }
        var lettersEnd = start - 1
        while lettersEnd > 0, ByteClass.isBlank(bytes[lettersEnd - 1]) { lettersEnd -= 1 }
        var lettersStart = lettersEnd
        while lettersStart > 0, ByteClass.isASCIILetter(bytes[lettersStart - 1]) { lettersStart -= 1 }
        let letters = lettersEnd - lettersStart
        guard letters >= 1, letters <= 4, characters + letters <= 12,
            lettersStart == 0
                || !(ByteClass.isAlphanumeric(bytes[lettersStart - 1]) || bytes[lettersStart - 1] >= 0x80),
            !isLabelWord(bytes, lettersStart..<lettersEnd), !isSmallWord(bytes, lettersStart..<lettersEnd),
            followsHospitalNumberLabel(bytes, before: lettersStart)
        else { return nil }
        return Match(kind: .hospitalNumber, keepUntil: lettersStart, end: end)
    }

    /// A small word in lower case ("of", "on", "at"; `NameCues.notNames`) is not a hospital's prefix: "the
    /// hospital number of 12345" keeps "of".
    private static func isSmallWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard ByteClass.isLower(bytes[range.lowerBound]) else { return false }
        var hash = StableHash.offset
        for index in range { hash = (hash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime }
        return NameCues.notNames.value(for: StableHash.mix(hash)) != nil
    }

    /// "NO", "ID", "IS", "MRN" and the like in capitals: part of the label, not of the number.
    private static func isLabelWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var words = Lookback(bytes: bytes, index: range.upperBound)
        return
            (words.stepBack(over: "no") || words.stepBack(over: "id") || words.stepBack(over: "is")
            || words.stepBack(over: "num") || words.stepBack(over: "mrn") || words.stepBack(over: "was")
            || words.stepBack(over: "nhs")) && words.index == range.lowerBound
    }

    /// The shape of a hospital number at `start`: where it ends and how many letters and digits it has.
    private static func hospitalNumberShape(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        let count = bytes.count
        var index = start
        var digits = 0
        var characters = 0
        var groups = 0
        var end = start
        while index < count, groups < 3 {
            let groupStart = index
            while index < count, ByteClass.isAlphanumeric(bytes[index]) {
                if ByteClass.isDigit(bytes[index]) { digits += 1 }
                index += 1
            }
            let length = index - groupStart
            guard length > 0 else { break }
            // A later group must be digits only: "RJ1 2345678", never "K1234567 was".
            if groups > 0, !(groupStart..<index).allSatisfy({ ByteClass.isDigit(bytes[$0]) }) {
                index = groupStart
                break
            }
            characters += length
            groups += 1
            end = index
            guard index + 1 < count, ByteClass.isBlank(bytes[index]), ByteClass.isDigit(bytes[index + 1]) else {
                break
            }
            index += 1
        }
        guard digits >= 5, characters <= 12, end >= count || !isIdentifierContinuation(bytes[end]) else {
            return nil
        }
        return (end, characters)
    }

    @inline(__always) private static func isIdentifierContinuation(_ byte: UInt8) -> Bool {
        ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte >= 0x80
    }

    /// "hospital number", "hospital no.", "hosp no", "patient number", "patient ID", "unit number", "MRN", each
    /// optionally followed by "is" or "was" and by ":", "=", "-" or "(".
    static func followsHospitalNumberLabel(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var words = Lookback(bytes: bytes, index: start)
        words.skipFiller()
        if words.stepBack(over: "is") || words.stepBack(over: "was") { words.skipFiller() }
        if words.stepBack(over: "mrn") { return true }
        _ = words.stepBack(overByte: UInt8(ascii: "."))  // "hosp no."
        guard
            words.stepBack(over: "number") || words.stepBack(over: "no") || words.stepBack(over: "num")
                || words.stepBack(over: "id")
        else { return false }
        words.skipBlanksAndHyphens()
        _ = words.stepBack(overByte: UInt8(ascii: "."))  // "hosp. no"
        return words.stepBack(over: "hospital") || words.stepBack(over: "hosp") || words.stepBack(over: "patient")
            || words.stepBack(over: "unit")
    }
}
