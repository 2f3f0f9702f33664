import Fluent
import HeardDomain

/// Each indicator has a reporting period (month, quarter, financial or calendar year), so a quarterly figure
/// cannot replace a yearly one and a change is read between like periods. Indicators already recorded get the
/// period their figures show (see `IndicatorPeriod.inferred`).
struct M0122_IndicatorPeriods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Indicator.schema)
            .field("period", .string, .required, .sql(.default(IndicatorPeriod.financialYear.rawValue))).update()
        let starts = try await IndicatorValue.query(on: database).field(\.$indicator.$id).field(\.$periodStart).all()
        let byIndicator = Dictionary(grouping: starts, by: { $0.$indicator.id })
        for (id, values) in byIndicator {
            let period = IndicatorPeriod.inferred(from: values.compactMap { SimpleDate(iso: $0.periodStart) })
            try await Indicator.query(on: database).filter(\.$id == id).set(\.$period, to: period).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Indicator.schema).deleteField("period").update()
    }
}
