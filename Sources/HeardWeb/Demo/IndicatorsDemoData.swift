import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Three demo indicators with two years of fictional figures per place, echoing the national figures the seed
/// quotes (3% with a care plan, 23% of carers assessed).
enum IndicatorsDemoData {
    static let indicators: [(String, String, IndicatorUnit, IndicatorDirection, base: Double, step: Double)] = [
        (
            "People with a care plan",
            "People with a long-term condition who say they have an agreed care plan (demo figures, fictional).",
            .percent, .higherIsBetter, 3, 1
        ),
        (
            "Carers who had a social care assessment",
            "Unpaid carers who had a carer's assessment in the year (demo figures, fictional).", .percent,
            .higherIsBetter, 23, -2
        ),
        (
            "Days from referral to a first mental health appointment",
            "Median days from referral to a first community mental health appointment (demo figures, fictional).",
            .days, .lowerIsBetter, 42, -6
        ),
    ]

    static func seed(on db: any Database, today: SimpleDate) async throws {
        let places = try await Place.query(on: db).sort(\.$name).all()
        let thisYear = SimpleDate(year: today.month >= 4 ? today.year : today.year - 1, month: 4, day: 1)
        for (index, item) in indicators.enumerated() {
            // Figures for years from 1 April, as the national returns are.
            let indicator = Indicator(
                name: item.0, summary: item.1, unit: item.2, direction: item.3, period: .financialYear)
            try await indicator.create(on: db)
            for (offset, place) in places.enumerated() {
                let spread = Double((offset * 7 + index * 3) % 5) - 2
                for (year, start) in [thisYear.adding(months: -12), thisYear].enumerated() {
                    let value = max(0, item.base + spread + Double(year) * item.step)
                    try await IndicatorValue(
                        indicatorID: indicator.id!, placeID: place.id!, periodStart: start, value: value,
                        source: "Demo figures (fictional)", recordedByID: nil
                    ).create(on: db)
                }
            }
        }
    }
}
