/// Money as whole pence: no floating point, so £0.10 + £0.20 is exactly £0.30 on every claim and in every total.
public enum Pence {
    /// "12", "12.5", "£12.50", "1,200", "1,200.50" → pence; nil for anything else (letters, a minus sign, three
    /// decimals, a comma anywhere but between thousands). `read` says which.
    public static func parse(_ text: String) -> Int? {
        try? read(text).get()
    }

    /// The amount typed, in pence, or what is wrong with it. A comma is read only as a thousands separator
    /// ("1,000", "1,000.50"): "12,50" is refused, never read as £1,250.
    public static func read(_ text: String) -> Result<Int, Fixed.Problem> {
        var digits = text.trimmingWhitespace()
        if digits.hasPrefix("£") { digits = String(digits.dropFirst()).trimmingWhitespace() }
        return Fixed.read(digits, decimals: 2)
    }

    /// What to say about an amount that is not one, for the field `what` ("the amount for line 2"); `most` is
    /// the largest the field takes, said when the amount is too big to be real.
    public static func problemText(_ problem: Fixed.Problem, what: String, example: String, most: Int) -> String {
        switch problem {
        case .decimalComma:
            return "Use a full stop for pence, like 12.50, in \(what): a comma can only separate thousands, like 1,250."
        case .tooManyDecimals:
            return "Enter \(what) with no more than 2 decimal places (pence), like 12.50."
        case .tooLarge:
            return "Enter \(what) up to \(text(most)): that is the most it can be."
        case .notANumber:
            return "Enter \(what) in pounds and pence more than 0, like \(example)."
        }
    }

    /// "£12.50", "£1,200.00".
    public static func text(_ pence: Int) -> String {
        let sign = pence < 0 ? "-" : ""
        let magnitude = abs(pence)
        let fraction = magnitude % 100
        return "\(sign)£\((magnitude / 100).formatted).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "12.50" for a form field and a spreadsheet: no pound sign, no thousands separator.
    public static func plain(_ pence: Int) -> String {
        let fraction = pence % 100
        return "\(pence / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// Decimal text read as a whole number of its smallest unit: "12.5" with 2 decimals is 1250, with 1 is 125.
public enum Fixed {
    /// Why text is not a number of the kind asked for.
    public enum Problem: Error, Equatable, Sendable {
        /// A comma not between thousands: "12,50", "1,00", "2,5", "1,2345", "1.000,50".
        case decimalComma
        /// More decimal places than the unit has: "12.345" for pence, "1.11" for tenths of a mile.
        case tooManyDecimals
        /// More than 7 whole digits: bigger than anything the app takes, and kept well inside `Int`.
        case tooLarge
        /// Letters, a sign, an empty part, more than one full stop.
        case notANumber
    }

    static let mostWholeDigits = 7

    static func parse(_ text: String, decimals: Int) -> Int? {
        try? read(text, decimals: decimals).get()
    }

    public static func read(_ text: String, decimals: Int) -> Result<Int, Problem> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let typedWhole = parts.first else {
            return .failure(text.contains(",") ? .decimalComma : .notANumber)
        }
        let fractionPart = parts.count == 2 ? parts[1] : ""
        if fractionPart.contains(",") { return .failure(.decimalComma) }
        let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        var wholePart = typedWhole
        if typedWhole.contains(",") {
            // Thousands only: one to three digits, then groups of exactly three.
            let groups = typedWhole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.allSatisfy(isDigits) else { return .failure(.notANumber) }
            guard let first = groups.first, (1...3).contains(first.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return .failure(.decimalComma) }
            wholePart = Substring(groups.joined())
        }
        guard !wholePart.isEmpty || parts.count == 2, !(parts.count == 2 && fractionPart.isEmpty),
            isDigits(wholePart), isDigits(fractionPart)
        else { return .failure(.notANumber) }
        if fractionPart.count > decimals { return .failure(.tooManyDecimals) }
        let significant = wholePart.drop { $0 == "0" }
        if significant.count > mostWholeDigits { return .failure(.tooLarge) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let padded = fractionPart + String(repeating: "0", count: decimals - fractionPart.count)
        return .success(
            (Int(significant.isEmpty ? "0" : String(significant)) ?? 0) * scale
                + (Int(padded.isEmpty ? "0" : padded) ?? 0))
    }
}
