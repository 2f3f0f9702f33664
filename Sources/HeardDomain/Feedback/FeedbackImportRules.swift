import Foundation

/// Rules for rows imported from FFT and survey exports. Pure, so the CLI, the upload page and
/// the tests apply exactly the same checks.
public enum FeedbackImportRules {
    /// The fields a CSV column can be mapped to.
    public enum Field: String, CaseIterable, Sendable {
        case text, service, date, rating, consent
        case whatWasGood = "what_was_good"
        case couldBeBetter = "could_be_better"
        case legacyRecommend = "legacy_recommend"
        case channel
        /// The response's own ID in the export (an FFT supplier's response number): when it is mapped, responses
        /// are told apart by it rather than by what they say.
        case responseID = "response_id"

        /// The field in a sentence: "chosen for both what the person said and the FFT answer".
        public var inWords: String {
            switch self {
            case .text: "what the person said"
            case .service: "the service"
            case .date: "the date received"
            case .rating: "the FFT answer"
            case .consent: "consent to publish"
            case .whatWasGood: "what was good"
            case .couldBeBetter: "what could be better"
            case .legacyRecommend: "the pre-2020 \"likely to recommend\" answer"
            case .channel: "how it was collected"
            case .responseID: "the response ID"
            }
        }

        public var title: String {
            switch self {
            case .text: "What the person said (a row with an FFT answer may leave it empty)"
            case .service: "Service name or id"
            case .date: "Date received"
            case .rating: "FFT answer (very good … very poor)"
            case .consent: "Consent to publish (yes/no)"
            case .whatWasGood: "What was good"
            case .couldBeBetter: "What could be better"
            case .legacyRecommend: "Pre-2020 \"likely to recommend\" answer"
            case .channel: "How it was collected (text message, tablet, online, paper, phone …)"
            case .responseID:
                "Response ID (each response's own number in the export: two identical answers are then two responses, and a response imported before is skipped)"
            }
        }
    }

    /// One refused row: where, which field, and why.
    public struct RowError: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var field: String
        public var message: String

        public init(line: Int, field: String, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }

        /// "line 3, date: …", or "line 3: …" for a problem with the whole row (no field).
        public var description: String {
            field.isEmpty ? "line \(line): \(message)" : "line \(line), \(field): \(message)"
        }
    }

    /// The answers of the pre-2020 "How likely are you to recommend…" question. They must not be
    /// read as the current FFT scale.
    public static let legacyRecommendAnswers = [
        "extremely likely", "likely", "neither likely nor unlikely", "unlikely", "extremely unlikely",
    ]

    /// The FFT question and its answers changed on 1 April 2020: a rating dated earlier, even 1–6 or "Don't
    /// know", answers the old "likely to recommend" question.
    public static let currentQuestionFrom = SimpleDate(year: 2020, month: 4, day: 1)

    public static func isLegacyRecommendAnswer(_ text: String) -> Bool {
        legacyRecommendAnswers.contains(LegacyRecommendAnswer.normalised(text))
    }

    /// How a file writes dates whose year comes last: day first, as in the UK (31/03/2024), or month first, as
    /// some survey tools do (03/31/2024). Year-first dates (2024-03-31) read the same either way.
    public enum DateOrder: String, Codable, CaseIterable, Sendable {
        case dayFirst = "day-first"
        case monthFirst = "month-first"

        public var example: String { self == .dayFirst ? "31/03/2024" : "03/31/2024" }
        public var title: String { self == .dayFirst ? "day first" : "month first" }
        var other: DateOrder { self == .dayFirst ? .monthFirst : .dayFirst }
    }

    /// The month's name when `raw` is written as a date but its day is past the month's end ("31/02/2026":
    /// "February"), so the person is told what is wrong rather than shown the format they already used.
    static func impossibleDay(_ raw: String, order: DateOrder) -> String? {
        let text = raw.trimmingWhitespace()
        let pieces = text.prefix { $0 != " " && $0 != "T" }.split { $0 == "-" || $0 == "/" || $0 == "." }
        let numbers = pieces.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        let (day, month): (Int, Int) =
            pieces[0].count == 4
            ? (numbers[2], numbers[1]) : (order == .dayFirst ? (numbers[0], numbers[1]) : (numbers[1], numbers[0]))
        let year = pieces[0].count == 4 ? numbers[0] : numbers[2]
        guard (1...12).contains(month), day > 0, day <= 31, day > daysIn(month, year) else { return nil }
        return SimpleDate.monthNames[month - 1]
    }

    /// The order a date proves by itself: "17/10/2021" can only be day first, "10/17/2021" only month first;
    /// "10/03/2021" and "2021-10-03" prove nothing.
    public static func orderShown(by raw: String) -> DateOrder? {
        let dayFirst = parseDate(raw, order: .dayFirst) != nil
        let monthFirst = parseDate(raw, order: .monthFirst) != nil
        return dayFirst == monthFirst ? nil : (dayFirst ? .dayFirst : .monthFirst)
    }

    /// A calendar date from the formats exports use: 2024-03-31, 31/03/2024, 31-03-2024, 31/03/24 (or month
    /// first: 03/31/2024), optionally followed by a time. A local time is read by `timeOfDay`; a time in UTC or with an
    /// offset ("2024-03-31T23:30:00Z", "…+01:00") is an instant, so the date is the UK day it fell on (1 April
    /// 2024 for that one), as feedback received online is dated everywhere else.
    /// A year is four digits (`0001` is the year 1, refused), or two when it comes last (`24` is 2024).
    /// Feedback dates are plausible from 1990 (before any of today's services) to 2100.
    public static let plausibleYears = 1990...2100

    public static func parseDate(
        _ raw: String, years: ClosedRange<Int> = plausibleYears, order: DateOrder = .dayFirst
    ) -> (year: Int, month: Int, day: Int)? {
        let text = raw.trimmingWhitespace()
        let timeStart = text.firstIndex(where: { $0 == " " || $0 == "T" }) ?? text.endIndex
        let datePart = String(text[..<timeStart])
        let separators: Set<Character> = ["-", "/", "."]
        let pieces = datePart.split(whereSeparator: { separators.contains($0) })
        let parts = pieces.compactMap { piece in piece.allSatisfy(\.isASCII) ? Int(piece) : nil }
        guard parts.count == 3, pieces.allSatisfy({ (1...4).contains($0.count) }) else { return nil }
        var (year, month, day): (Int, Int, Int)
        if pieces[0].count > 2 {
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else {
            (day, month, year) =
                order == .dayFirst ? (parts[0], parts[1], parts[2]) : (parts[1], parts[0], parts[2])
            if pieces[2].count == 2 { year += 2000 } else if pieces[2].count != 4 { return nil }
        }
        guard years.contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            return nil
        }
        if let zoned = zonedTime(String(text[timeStart...].dropFirst())) {
            let seconds =
                SimpleDate(year: year, month: month, day: day).dayNumber * 86_400 + zoned.seconds - zoned.offset
            let uk = ukDay(of: Date(timeIntervalSince1970: TimeInterval(seconds)))
            guard years.contains(uk.year) else { return nil }
            return (uk.year, uk.month, uk.day)
        }
        return (year, month, day)
    }

    /// Seconds after midnight and the offset from UTC in seconds, for a time that names its zone: "23:30:00Z",
    /// "23:30 UTC", "23:30:00.250+01:00", "23:30-0500". Nil for a local time, or anything else.
    static func zonedTime(_ raw: String) -> (seconds: Int, offset: Int)? {
        var time = raw.trimmingWhitespace()
        var offset = 0
        if time.hasSuffix("Z") || time.hasSuffix("z") {
            time.removeLast()
        } else if ["UTC", "GMT"].contains(where: { time.uppercased().hasSuffix($0) }) {
            time.removeLast(3)
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }), sign != time.startIndex {
            let digits = time[time.index(after: sign)...].filter { $0 != ":" }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII), let number = Int(digits)
            else { return nil }
            let (hours, minutes) = digits.count == 2 ? (number, 0) : (number / 100, number % 100)
            guard hours <= 14, minutes < 60 else { return nil }
            offset = (time[sign] == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
            time = String(time[..<sign])
        } else {
            return nil
        }
        let fields = time.trimmingWhitespace().split(separator: ":")
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let hours = Int(fields[0]), let minutes = Int(fields[1]), (0...23).contains(hours),
            (0...59).contains(minutes)
        else { return nil }
        let seconds = fields.count == 3 ? Int(fields[2].prefix(while: \.isNumber)) ?? 0 : 0
        return (hours * 3600 + minutes * 60 + min(seconds, 59), offset)
    }

    /// The time of day written after a date: none ("31/03/2024", or words such as "(Mon)"), a local time
    /// ("31/03/2024 23:30", "…T23:30:00", "… 11:30 pm") as seconds after midnight in the UK, a time naming its
    /// zone (read by `parseDate` as an instant), or one that cannot be ("25:00", "23:60").
    public enum TimeOfDay: Equatable, Sendable {
        case none
        case local(seconds: Int)
        case zoned
        case impossible
    }

    public static func timeOfDay(in raw: String) -> TimeOfDay {
        let text = raw.trimmingWhitespace()
        guard let start = text.firstIndex(where: { $0 == " " || $0 == "T" }) else { return .none }
        let rest = String(text[text.index(after: start)...]).trimmingWhitespace()
        if rest.isEmpty { return .none }
        if zonedTime(rest) != nil { return .zoned }
        if let seconds = localTime(rest) { return .local(seconds: seconds) }
        // Words after the date ("(Monday)") are no time, as before; digits that make no time are a mistake.
        return rest.contains(where: \.isNumber) ? .impossible : .none
    }

    /// "23:30", "23:30:15", "23:30:15.250", "9:05", "11:30 pm", "11:30PM": seconds after midnight.
    static func localTime(_ raw: String) -> Int? {
        var time = raw.lowercased()
        var afternoon: Bool?
        for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] where time.hasSuffix(suffix)
        {
            afternoon = pm
            time = String(time.dropLast(suffix.count)).trimmingWhitespace()
            break
        }
        let fields = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 2 || fields.count == 3 else { return nil }
        var secondsText = fields.count == 3 ? fields[2] : "00"
        if let dot = secondsText.firstIndex(of: ".") {
            let fraction = secondsText[secondsText.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            secondsText = String(secondsText[..<dot])
        }
        let digits = [fields[0], fields[1], secondsText]
        guard (1...2).contains(digits[0].count), digits[1].count == 2, digits[2].count == 2,
            digits.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            var hours = Int(digits[0]), let minutes = Int(digits[1]), let seconds = Int(digits[2])
        else { return nil }
        if let afternoon {
            guard (1...12).contains(hours) else { return nil }
            hours = hours % 12 + (afternoon ? 12 : 0)
        }
        guard (0...23).contains(hours), (0...59).contains(minutes), (0...59).contains(seconds) else { return nil }
        return hours * 3600 + minutes * 60 + seconds
    }

    /// The instant a row was received, when its date gives a time: a local time is the UK's clock on that day; a
    /// time naming its zone is that instant. Nil when only a day is given.
    public static func instant(_ raw: String, order: DateOrder = .dayFirst) -> Date? {
        let text = raw.trimmingWhitespace()
        switch timeOfDay(in: text) {
        case .none, .impossible: return nil
        case .zoned:
            guard let start = text.firstIndex(where: { $0 == " " || $0 == "T" }),
                let zoned = zonedTime(String(text[text.index(after: start)...])),
                let written = parseDate(String(text[..<start]), order: order)
            else { return nil }
            let seconds =
                SimpleDate(year: written.year, month: written.month, day: written.day).dayNumber * 86_400
                + zoned.seconds - zoned.offset
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        case .local(let seconds):
            guard let day = parseDate(raw, order: order) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
            return calendar.date(
                from: DateComponents(
                    year: day.year, month: day.month, day: day.day, hour: seconds / 3600, minute: seconds / 60 % 60,
                    second: seconds % 60))
        }
    }

    /// The calendar day in the UK on which `instant` fell.
    static func ukDay(of instant: Date) -> SimpleDate { SimpleDate.ukDay(of: instant) }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// How the refusal of a row whose words say nothing ("N/A") and that has no FFT answer starts.
    static let saysNothingStart = "The text says nothing"

    /// Whether a refusal is of a row whose words say nothing ("N/A") and that has no FFT answer.
    public static func saysNothing(_ error: RowError) -> Bool {
        error.field == "text" && error.message.hasPrefix(saysNothingStart)
    }

    /// Answers accepted in a consent column (case-insensitive).
    public static let consentYes: Set<String> = ["y", "yes", "true", "1"]
    public static let consentNo: Set<String> = ["n", "no", "false", "0"]

    /// Checks one row's values (already picked out by the mapping). Returns the submission, the date and the
    /// pre-2020 answer in its stored spelling, or the errors. A date after `today` (the importer passes today in
    /// the UK) is refused. `isNonAnswer` is the text engine's test for an answer that says nothing ("N/A"): such a
    /// row is an FFT answer with no comment, or, without an answer, says nothing at all and is refused.
    public static func check(
        line: Int, text: String, rating: String?, consent: String?, date: String?, good: String?, better: String?,
        legacy: String? = nil, channel: String? = nil, today: SimpleDate? = nil, dateOrder: DateOrder = .dayFirst,
        isNonAnswer: (String) -> Bool = { _ in false }
    ) -> Result<
        (
            submission: FeedbackSubmission.Valid, date: (year: Int, month: Int, day: Int)?, legacy: String?,
            channel: FeedbackChannel?, at: Date?
        ), RowErrors
    > {
        var errors: [RowError] = []
        // Most FFT responses are a rating alone: kept and counted, as the national return counts them. A row with
        // neither words nor an answer says nothing.
        let words = FeedbackSubmission(story: text, whatWasGood: good ?? "", couldBeBetter: better ?? "")
        let hasWords = words.hasWords
        let hasAnswer =
            !(rating ?? "").trimmingWhitespace().isEmpty || !(legacy ?? "").trimmingWhitespace().isEmpty
        if !hasWords, !hasAnswer {
            return .failure(
                RowErrors([
                    RowError(
                        line: line, field: "text", message: "The text is empty, and there is no FFT answer either.")
                ]))
        }
        if words.hasOnlyNonAnswers(isNonAnswer), !hasAnswer {
            return .failure(
                RowErrors([
                    RowError(
                        line: line, field: "text",
                        message: saysNothingStart + " (\(words.firstAnswerQuoted)), and there is no FFT answer either.")
                ]))
        }
        var fft: String = ""
        if let rating, !rating.trimmingWhitespace().isEmpty {
            if isLegacyRecommendAnswer(rating) {
                errors.append(
                    RowError(
                        line: line, field: "rating",
                        message:
                            "'\(rating)' is from the pre-2020 \"likely to recommend\" question. Map this column as the pre-2020 \"likely to recommend\" answer, not as the FFT answer."
                    ))
            } else if FFTRating(text: rating) == nil {
                errors.append(
                    RowError(
                        line: line, field: "rating",
                        message: "'\(rating)' is not an FFT answer (very good … very poor, don't know, or 1–6)."))
            } else {
                fft = rating
            }
        }
        var parsedDate: (year: Int, month: Int, day: Int)?
        var receivedAt: Date?
        if let date, date.trimmingWhitespace().isEmpty {
            // A mapped date column left empty: given the import's own time, the row would count in the wrong month.
            errors.append(
                RowError(
                    line: line, field: "date",
                    message:
                        "The date is empty: give the day the feedback was received, or the answer would be counted in the month it was imported."
                ))
        } else if let date {
            parsedDate = parseDate(date, order: dateOrder)
            if parsedDate == nil {
                let message: String
                if parseDate(date, years: 1...9999, order: dateOrder) != nil {
                    message =
                        "'\(date)' is outside \(Self.plausibleYears.lowerBound)–\(Self.plausibleYears.upperBound): check the year."
                } else if parseDate(date, order: dateOrder.other) != nil {
                    message =
                        "'\(date)' is not a date \(dateOrder.title) (like \(dateOrder.example)); it reads as \(dateOrder.other.title). If the file writes dates \(dateOrder.other.title), import it with that date order."
                } else if let month = impossibleDay(date, order: dateOrder) {
                    message = "'\(date)' is not a real date: \(month) has no such day."
                } else {
                    message = "'\(date)' is not a date like 2024-03-31 or \(dateOrder.example)."
                }
                errors.append(RowError(line: line, field: "date", message: message))
            } else if let found = parsedDate, let today,
                SimpleDate(year: found.year, month: found.month, day: found.day) > today
            {
                errors.append(
                    RowError(
                        line: line, field: "date",
                        message: "'\(date)' is in the future (today is \(today.iso)): feedback cannot be received then."
                    ))
                parsedDate = nil
            } else if parsedDate != nil {
                switch timeOfDay(in: date) {
                case .impossible:
                    errors.append(
                        RowError(
                            line: line, field: "date",
                            message:
                                "'\(date)' has a time of day that cannot be: write it like 23:30 (hours 00–23, minutes 00–59), or give the date alone."
                        ))
                    parsedDate = nil
                case .local, .zoned: receivedAt = instant(date, order: dateOrder)
                case .none: break
                }
            }
        }
        if !fft.isEmpty, let found = parsedDate,
            SimpleDate(year: found.year, month: found.month, day: found.day) < currentQuestionFrom
        {
            errors.append(
                RowError(
                    line: line, field: "rating",
                    message:
                        "'\(fft)' is dated \(date ?? ""), before the FFT question changed in April 2020, so it answers the pre-2020 \"likely to recommend\" question. Map this column as the pre-2020 \"likely to recommend\" answer, not as the FFT answer."
                ))
            fft = ""
        }
        var legacyAnswer: String?
        switch checkLegacy(legacy) {
        case .success(let answer): legacyAnswer = answer?.title
        case .failure(let refusal):
            errors.append(RowError(line: line, field: Field.legacyRecommend.rawValue, message: refusal.description))
        }
        var collectedAs: FeedbackChannel?
        switch checkChannel(channel) {
        case .success(let found): collectedAs = found
        case .failure(let refusal):
            errors.append(RowError(line: line, field: Field.channel.rawValue, message: refusal.description))
        }
        var consentAnswer = ""
        if let consent, !consent.trimmingWhitespace().isEmpty {
            let answer = consent.trimmingWhitespace().lowercased()
            if consentYes.contains(answer) {
                consentAnswer = "yes"
            } else if consentNo.contains(answer) {
                consentAnswer = "no"
            } else {
                errors.append(
                    RowError(
                        line: line, field: "consent_to_publish",
                        message: "\"\(consent)\" is not yes or no (y/n, yes/no, true/false or 1/0)."))
            }
        }
        let submission = FeedbackSubmission(
            serviceID: "mapped", story: text, whatWasGood: good ?? "", couldBeBetter: better ?? "", fftRating: fft,
            consentToPublish: consentAnswer)
        do {
            var valid = try submission.validated(consentRequired: false, wordsRequired: hasWords)
            // A rating with no words, or with "N/A", has nothing to publish, whatever the consent column says.
            if valid.saysNothing(isNonAnswer) { valid.consentToPublish = false }
            guard errors.isEmpty else { return .failure(RowErrors(errors)) }
            return .success((valid, parsedDate, legacyAnswer, collectedAs, receivedAt))
        } catch {
            errors += error.errors.map {
                RowError(line: line, field: $0.field == "story" ? "text" : $0.field, message: $0.message)
            }
            return .failure(RowErrors(errors))
        }
    }

    /// A legacy column holds one of the old question's answers, its code, or nothing. An answer to the current
    /// question is refused by name, since the column was mapped to the wrong field.
    public static func checkLegacy(_ raw: String?) -> Result<LegacyRecommendAnswer?, ColumnRefusal> {
        guard let raw, !raw.trimmingWhitespace().isEmpty else { return .success(nil) }
        if let answer = LegacyRecommendAnswer(text: raw) { return .success(answer) }
        if FFTRating(text: raw) != nil {
            return .failure(
                ColumnRefusal(
                    "'\(raw)' answers the current FFT question (very good … very poor), not the pre-2020 \"likely to recommend\" one. Map this column as the FFT answer, not as the pre-2020 \"likely to recommend\" answer."
                ))
        }
        return .failure(
            ColumnRefusal(
                "'\(raw)' is not a pre-2020 \"likely to recommend\" answer (\(LegacyRecommendAnswer.accepted))."))
    }

    /// A channel column says how each answer was collected ("SMS", "Tablet", "Paper/postcard"), for the FFT
    /// return's mode of collection. Empty or "other" says nothing more than the import itself: nil.
    public static func checkChannel(_ raw: String?) -> Result<FeedbackChannel?, ColumnRefusal> {
        guard let raw, !raw.trimmingWhitespace().isEmpty, raw.trimmingWhitespace().lowercased() != "other" else {
            return .success(nil)
        }
        if let channel = FeedbackChannel(collectedAs: raw) { return .success(channel) }
        return .failure(
            ColumnRefusal(
                "'\(raw)' is not a way of collecting answers Heard knows: use \(FeedbackChannel.collectedAsAccepted), or other."
            ))
    }

    /// The longest response ID kept: supplier IDs are short; a long one is a column of words mapped by mistake.
    public static let responseIDLimit = 100

    /// A response ID column holds each response's own ID, or nothing (that row is then told apart by what it
    /// says, as in a file without the column).
    public static func checkResponseID(_ raw: String?) -> Result<String?, ColumnRefusal> {
        guard let id = raw?.trimmingWhitespace(), !id.isEmpty else { return .success(nil) }
        guard id.count <= responseIDLimit else {
            return .failure(
                ColumnRefusal(
                    "The response ID is \(id.count) characters long; IDs are at most \(responseIDLimit). Check that the right column is chosen for the response ID."
                ))
        }
        return .success(id)
    }

    /// Why a column's value was refused, in words for the person fixing the file.
    public struct ColumnRefusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public struct RowErrors: Error, Equatable, Sendable {
        public var errors: [RowError]
        public init(_ errors: [RowError]) { self.errors = errors }
    }
}
