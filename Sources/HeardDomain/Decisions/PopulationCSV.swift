/// One group's share of a place's population, read from a CSV of `place,characteristic,category,percent`.
public struct PopulationRow: Sendable, Equatable {
    public var place: String
    public var characteristic: String
    public var category: String
    public var percent: Double
}

/// Reads population figures an administrator supplies (same columns as the Census 2021 file Heard carries).
/// Yes/no characteristics given only as the "yes" share get their complement added, so both can be compared.
public enum PopulationCSV {
    public static func parse(_ text: String) throws(ValidationFailure) -> [PopulationRow] {
        var rows: [PopulationRow] = []
        var errors: [FieldError] = []
        let records = CSVText.records(text)
        guard let header = records.first?.fields.map({ $0.trimmingWhitespace().lowercased() }),
            let placeIndex = header.firstIndex(of: "place"),
            let characteristicIndex = header.firstIndex(of: "characteristic"),
            let categoryIndex = header.firstIndex(of: "category"), let percentIndex = header.firstIndex(of: "percent")
        else {
            throw ValidationFailure([
                FieldError("csv", "The first line must name the columns: place, characteristic, category, percent.")
            ])
        }
        let needed = max(placeIndex, characteristicIndex, categoryIndex, percentIndex)
        for record in records.dropFirst() {
            let fields = record.fields.map { $0.trimmingWhitespace() }
            guard fields.count > needed, let percent = Double(fields[percentIndex]), percent >= 0, percent <= 100 else {
                errors.append(
                    FieldError(
                        "csv",
                        "Line \(record.line) needs a place, characteristic, category and a percent from 0 to 100."
                    ))
                if errors.count >= 10 { break }
                continue
            }
            if fields[characteristicIndex] == "total" { continue }
            rows.append(
                PopulationRow(
                    place: fields[placeIndex], characteristic: fields[characteristicIndex].lowercased(),
                    category: fields[categoryIndex], percent: percent))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return withComplements(rows)
    }

    static func withComplements(_ rows: [PopulationRow]) -> [PopulationRow] {
        var result = rows
        let pairs: [(MonitoringCharacteristic, String, String)] = [
            (.disability, "Disabled under the Equality Act", "Not disabled"),
            (.unpaidCare, "Provides unpaid care (any hours)", "Not a carer"),
            (.mainLanguage, "Main language not English", "Main language English"),
        ]
        for row in rows {
            for (characteristic, yes, no) in pairs
            where row.characteristic == characteristic.rawValue && row.category == yes {
                if !rows.contains(where: {
                    $0.place == row.place && $0.characteristic == row.characteristic && $0.category == no
                }) {
                    result.append(
                        PopulationRow(
                            place: row.place, characteristic: row.characteristic, category: no,
                            percent: 100 - row.percent))
                }
            }
        }
        return result
    }
}
