extension PersonalDataPatterns {
    /// A date of birth after a cue: "DOB 12/03/1948", "d.o.b: 12.3.48", "date of birth 12 March 1948",
    /// "born on the 3rd of May 1950", "born in 1948", "her birthday is 12 March". The cue is kept and the date
    /// replaced. Dates with no such cue ("seen on 12/03/2026") are left alone: they say when care happened,
    /// which reports need, and alone they do not identify anyone.
    static func dateOfBirth(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Match? {
        guard let cue = birthCue(bytes, at: start) else { return nil }
        let dateStart = skipFillers(bytes, from: cue.end)
        guard let end = birthDate(bytes, at: dateStart, allowsYearOnly: cue.allowsYearOnly) else { return nil }
        return Match(kind: .dateOfBirth, keepUntil: dateStart, end: end)
    }

    /// "dob", "d.o.b", "date of birth", "born" or "birthday" at `start`: where the cue ends, and whether a year
    /// alone after it is a date of birth ("born in 1948"; a birthday is a day, not a year).
    private static func birthCue(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> (end: Int, allowsYearOnly: Bool)? {
        let count = bytes.count
        if matchesWord("dob", bytes, at: start) { return (start + 3, true) }
        if start + 4 < count, ByteClass.lower(bytes[start]) == UInt8(ascii: "d"), bytes[start + 1] == UInt8(ascii: "."),
            ByteClass.lower(bytes[start + 2]) == UInt8(ascii: "o"), bytes[start + 3] == UInt8(ascii: "."),
            ByteClass.lower(bytes[start + 4]) == UInt8(ascii: "b")
        {
            var end = start + 5
            if end < count, bytes[end] == UInt8(ascii: ".") { end += 1 }
            return (end, true)
        }
        if matchesWord("born", bytes, at: start) { return (start + 4, true) }
        if matchesWord("birthday", bytes, at: start) { return (start + 8, false) }
        if matchesWord("date", bytes, at: start) {
            var index = skipBlanks(bytes, from: start + 4)
            guard matchesWord("of", bytes, at: index) else { return nil }
            index = skipBlanks(bytes, from: index + 2)
            guard matchesWord("birth", bytes, at: index) else { return nil }
            return (index + 5, true)
        }
        return nil
    }

    /// Skips what may stand between the cue and the date: punctuation (": ", " - ", "(") and a few small
    /// words ("is", "was", "on", "in", "of", "the").
    private static func skipFillers(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var index = position
        for _ in 0..<6 {
            while index < bytes.count,
                ByteClass.isBlank(bytes[index]) || bytes[index] == UInt8(ascii: ":")
                    || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ",")
                    || bytes[index] == UInt8(ascii: "(") || bytes[index] == UInt8(ascii: "=")
            {
                index += 1
            }
            guard
                let filler = ["is", "was", "on", "in", "of", "the"].first(where: { matchesWord($0, bytes, at: index) })
            else { break }
            index += filler.utf8.count
        }
        return index
    }

    /// The date itself: "12/03/1948" (or with "." or "-", a two-digit year allowed), "12 March 1948",
    /// "12th of March", "March 12, 1948", "March 1948", or (when allowed) a year from 1900 to 2099 alone.
    private static func birthDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, allowsYearOnly: Bool) -> Int? {
        let count = bytes.count
        guard start < count else { return nil }
        if ByteClass.isDigit(bytes[start]) {
            let (first, afterFirst) = digits(bytes, from: start, atMost: 4)
            if afterFirst - start == 4 {
                guard allowsYearOnly, (1900...2099).contains(first), !continuesNumber(bytes, at: afterFirst) else {
                    return nil
                }
                return afterFirst
            }
            guard (1...31).contains(first), afterFirst < count else { return nil }
            let separator = bytes[afterFirst]
            if separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") {
                let (second, afterSecond) = digits(bytes, from: afterFirst + 1, atMost: 2)
                guard afterSecond > afterFirst + 1, (1...31).contains(second), min(first, second) <= 12,
                    afterSecond < count, bytes[afterSecond] == separator
                else { return nil }
                let (_, afterYear) = digits(bytes, from: afterSecond + 1, atMost: 4)
                let yearLength = afterYear - afterSecond - 1
                guard yearLength == 2 || yearLength == 4, !continuesNumber(bytes, at: afterYear) else { return nil }
                return afterYear
            }
            // "12 March 1948", "12th of March"
            var index = afterFirst
            index = skipOrdinal(bytes, from: index)
            index = skipBlanks(bytes, from: index)
            if matchesWord("of", bytes, at: index) { index = skipBlanks(bytes, from: index + 2) }
            guard let afterMonth = monthName(bytes, at: index) else { return nil }
            return yearAfter(bytes, from: afterMonth) ?? afterMonth
        }
        // "March 12, 1948", "March 1948"
        guard let afterMonth = monthName(bytes, at: start) else { return nil }
        if let afterYear = yearAfter(bytes, from: afterMonth) { return afterYear }
        let dayStart = skipBlanks(bytes, from: afterMonth)
        let (day, afterDay) = digits(bytes, from: dayStart, atMost: 2)
        guard afterDay > dayStart, (1...31).contains(day), !continuesNumber(bytes, at: afterDay) else { return nil }
        let afterOrdinal = skipOrdinal(bytes, from: afterDay)
        var index = afterOrdinal
        if index < count, bytes[index] == UInt8(ascii: ",") { index += 1 }
        return yearAfter(bytes, from: index) ?? afterOrdinal
    }

    /// A four-digit year after blanks (and an optional comma), or nil.
    private static func yearAfter(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        var index = position
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
        index = skipBlanks(bytes, from: index)
        let (year, end) = digits(bytes, from: index, atMost: 4)
        guard end - index == 4, (1900...2099).contains(year), !continuesNumber(bytes, at: end) else { return nil }
        return end
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// A month's name or its abbreviation (with an optional full stop) at `start`: where it ends.
    private static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard start < bytes.count, ByteClass.isASCIILetter(bytes[start]) else { return nil }
        guard let month = months.first(where: { matchesWord($0, bytes, at: start) }) else { return nil }
        var end = start + month.utf8.count
        // "Oct." is an abbreviation; "October." ends a sentence, and the number after it is not its day.
        if month.utf8.count <= 4, end < bytes.count, bytes[end] == UInt8(ascii: ".") { end += 1 }
        return end
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atMost limit: Int) -> (Int, Int) {
        var value = 0
        var index = start
        while index < bytes.count, index - start < limit, ByteClass.isDigit(bytes[index]) {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return (value, index)
    }

    @inline(__always) private static func continuesNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index < bytes.count && ByteClass.isAlphanumeric(bytes[index])
    }

    private static func skipOrdinal(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        for suffix in ["st", "nd", "rd", "th"] where matchesWord(suffix, bytes, at: index) {
            return index + 2
        }
        return index
    }

    private static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int) -> Int {
        var index = position
        while index < bytes.count, ByteClass.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// Whether `word` (lower case) is at `index` in any case and is not the start of a longer word.
    private static func matchesWord(_ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        for offset in 0..<length where ByteClass.lower(bytes[index + offset]) != word.utf8Start[offset] {
            return false
        }
        return index + length == bytes.count || !ByteClass.isASCIILetter(bytes[index + length])
    }

    private static func matchesWord(_ word: String, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var position = index
        for expected in word.utf8 {
            guard position < bytes.count, ByteClass.lower(bytes[position]) == expected else { return false }
            position += 1
        }
        return position == bytes.count || !ByteClass.isASCIILetter(bytes[position])
    }
}
