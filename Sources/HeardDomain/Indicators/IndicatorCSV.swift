/// One figure read from an indicator's CSV: which place, which period, the value, where it came from.
public struct IndicatorFigureRow: Sendable, Equatable {
    public var line: Int
    public var place: String
    public var periodStart: SimpleDate
    public var value: Double
    public var source: String

    public init(line: Int, place: String, periodStart: SimpleDate, value: Double, source: String) {
        self.line = line
        self.place = place
        self.periodStart = periodStart
        self.value = value
        self.source = source
    }
}

/// Reads many figures of one indicator at once (`place,period_start,value,source`, the source optional when
/// the form gives one for every line). Every line is checked by the same rules as a figure typed in; any
/// problem refuses the whole file, each named by its line, so a file is loaded whole or not at all.
public enum IndicatorCSV {
    public static let columns = ["place", "period_start", "value", "source"]
    /// Problems listed before the rest are summarised as a count.
    public static let listedProblems = 20

    /// `places`, when given, maps each accepted spelling of a place (lower-cased name or slug) to its name, so
    /// an unknown place is reported with every other problem in one go.
    public static func parse(
        _ text: String, unit: IndicatorUnit, period: IndicatorPeriod, defaultSource: String, today: SimpleDate,
        places: [String: String]? = nil
    ) throws(ValidationFailure) -> [IndicatorFigureRow] {
        let records = CSVText.records(text)
        let header =
            records.first?.fields.map { $0.trimmingWhitespace().lowercased().replacingOccurrences(of: " ", with: "_") }
            ?? []
        guard let placeIndex = header.firstIndex(of: "place"), let periodIndex = header.firstIndex(of: "period_start"),
            let valueIndex = header.firstIndex(of: "value")
        else {
            throw ValidationFailure([
                FieldError(
                    "csv",
                    "The first line must name the columns: place, period_start, value and, unless you give one source for every line, source."
                )
            ])
        }
        let sourceIndex = header.firstIndex(of: "source")
        let source = defaultSource.trimmingWhitespace()
        guard records.count > 1 else {
            throw ValidationFailure([FieldError("csv", "There are no figures under the first line.")])
        }
        var rows: [IndicatorFigureRow] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index].trimmingWhitespace()
            }
            var lineProblems: [String] = []
            // Fewer values are empty ones (caught below); more, unless empty, are one figure split in two.
            if record.fields.count > header.count,
                !record.fields[header.count...].allSatisfy({ $0.trimmingWhitespace().isEmpty })
            {
                // "Leeds,2026-07-01,3,5" is a decimal comma splitting one figure in two: never load half of it.
                lineProblems.append(
                    "it has \(record.fields.count) values where the first line names \(header.count) (a comma inside a figure splits it: write 3.5, not 3,5, or put the figure in quotes)"
                )
                problems.append("Line \(record.line): \(lineProblems.joined(separator: "; ")).")
                continue
            }
            let place = field(placeIndex)
            if place.isEmpty {
                lineProblems.append("give the place")
            } else if let places, places[place.lowercased()] == nil {
                let names = Set(places.values).sorted().joined(separator: ", ")
                lineProblems.append("\(place) is not a place in Heard (places: \(names))")
            }
            let periodText = field(periodIndex)
            let start = SimpleDate(iso: periodText)
            if start == nil {
                lineProblems.append(
                    periodText.isEmpty
                        ? "give the first day of the period, like 2026-04-01"
                        : "the period start must be a date like 2026-04-01, not \"\(periodText)\"")
            } else if let start, let problem = period.startProblem(start) {
                lineProblems.append(lowercasedFirst(problem.dropLastFullStop))
            }
            let checked = IndicatorRules.valueProblems(field(valueIndex), unit: unit, periodStart: start, today: today)
            lineProblems += checked.problems.map { lowercasedFirst($0.message.dropLastFullStop) }
            let rowSource = field(sourceIndex).isEmpty ? source : field(sourceIndex)
            if rowSource.isEmpty {
                lineProblems.append("say where the figure comes from (a source column, or the source box)")
            } else if let problem = IndicatorRules.sourceProblem(rowSource) {
                lineProblems.append(lowercasedFirst(problem.dropLastFullStop))
            }
            if let start, !place.isEmpty {
                let key = place.lowercased() + "|" + start.iso
                if let first = seen[key] {
                    lineProblems.append("\(place), \(period.phrase(start)) is already on line \(first)")
                } else {
                    seen[key] = record.line
                }
            }
            if lineProblems.isEmpty, let start, let value = checked.value {
                rows.append(
                    IndicatorFigureRow(
                        line: record.line, place: place, periodStart: start, value: value, source: rowSource))
            } else {
                problems.append("Line \(record.line): \(lineProblems.joined(separator: "; ")).")
            }
        }
        guard problems.isEmpty else { throw failure(problems) }
        return rows
    }

    /// The problems as field errors on the CSV box: the first `listedProblems`, then how many more.
    public static func failure(_ problems: [String]) -> ValidationFailure {
        var errors = problems.prefix(listedProblems).map { FieldError("csv", $0) }
        if problems.count > listedProblems {
            errors.append(
                FieldError(
                    "csv", "And \(problems.count - listedProblems) more lines with problems. Nothing was loaded."))
        }
        return ValidationFailure(errors)
    }

    static func lowercasedFirst(_ text: Substring) -> String { text.prefix(1).lowercased() + text.dropFirst() }
}

extension String {
    fileprivate var dropLastFullStop: Substring { hasSuffix(".") ? dropLast() : self[...] }
}
