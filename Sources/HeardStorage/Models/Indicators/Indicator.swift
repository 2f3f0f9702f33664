import Fluent
import Foundation
import HeardDomain

/// A figure tracked per place over time: a national indicator ("people with a care plan") or a local one.
public final class Indicator: Model, @unchecked Sendable {
    public static let schema = "indicators"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// What it measures and where the figures come from, in plain words.
    @Field(key: "description") public var summary: String
    @Field(key: "unit") public var unit: IndicatorUnit
    @Field(key: "direction") public var direction: IndicatorDirection
    /// How often there is a new figure: every figure starts one such period, so like is compared with like.
    @Field(key: "period") public var period: IndicatorPeriod
    @Children(for: \.$indicator) public var values: [IndicatorValue]
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// `period` defaults to a financial year, as the national indicators are reported.
    public init(
        id: UUID? = nil, name: String, summary: String, unit: IndicatorUnit, direction: IndicatorDirection,
        period: IndicatorPeriod = .financialYear
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.unit = unit
        self.direction = direction
        self.period = period
    }
}

/// One figure of an indicator for one place and the period starting on `periodStart`.
public final class IndicatorValue: Model, @unchecked Sendable {
    public static let schema = "indicator_values"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "indicator_id") public var indicator: Indicator
    @Parent(key: "place_id") public var place: Place
    @Field(key: "period_start") public var periodStart: String
    @Field(key: "value") public var value: Double
    /// Where this figure came from ("GP Patient Survey 2026").
    @Field(key: "source") public var source: String
    @OptionalField(key: "recorded_by_id") public var recordedByID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID? = nil, indicatorID: UUID, placeID: UUID, periodStart: SimpleDate, value: Double, source: String,
        recordedByID: UUID?
    ) {
        self.id = id
        self.$indicator.id = indicatorID
        self.$place.id = placeID
        self.periodStart = periodStart.iso
        self.value = value
        self.source = source
        self.recordedByID = recordedByID
    }

    public var point: IndicatorPoint { IndicatorPoint(periodStart: SimpleDate(iso: periodStart)!, value: value) }
}
