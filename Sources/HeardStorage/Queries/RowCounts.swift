import FluentKit
import Foundation
import SQLKit

/// How many rows of a child table belong to each parent, in one GROUP BY instead of a count per parent.
public enum RowCounts {
    /// `SELECT column, COUNT(*) FROM table GROUP BY column`: parent id → rows. Parents with none are absent.
    /// `only` restricts the count to those parents (one page of a list).
    public static func grouped(
        in table: String, by column: String, only parents: [UUID]? = nil, on db: any Database
    ) async throws -> [UUID: Int] {
        if let parents, parents.isEmpty { return [:] }
        let sql = db as! any SQLDatabase
        var select = sql.select().column(SQLIdentifier(column))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table)
        if let parents {
            select = select.where(SQLIdentifier(column), .in, SQLBind.group(parents))
        }
        let rows = try await select.groupBy(SQLIdentifier(column)).all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: column, as: UUID.self), try $0.decode(column: "n", as: Int.self))
            })
    }
}
