/// One line of a claim as the person typed it: which kind, and either the pounds or (for mileage) the miles.
public struct ExpenseLineInput: Equatable, Sendable {
    public var kind: String
    public var amount: String
    public var miles: String
    public var note: String

    public init(kind: String = "", amount: String = "", miles: String = "", note: String = "") {
        self.kind = kind
        self.amount = amount
        self.miles = miles
        self.note = note
    }

    /// A row left as it was shown: it is not a line of the claim.
    public var isBlank: Bool {
        [kind, amount, miles, note].allSatisfy { $0.trimmingWhitespace().isEmpty }
    }
}

/// One checked line: what it is for and what it comes to, in pence.
public struct ExpenseLine: Equatable, Sendable {
    public var kind: ExpenseKind
    public var pence: Int
    /// Mileage only: tenths of a mile, so 12.5 miles is 125.
    public var tenthsOfMile: Int?
    public var note: String

    public init(kind: ExpenseKind, pence: Int, tenthsOfMile: Int? = nil, note: String = "") {
        self.kind = kind
        self.pence = pence
        self.tenthsOfMile = tenthsOfMile
        self.note = note
    }

    /// "12.5 miles" for a mileage line.
    public static func milesText(_ tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10) miles" : "\(tenths / 10).\(tenths % 10) miles"
    }
}
