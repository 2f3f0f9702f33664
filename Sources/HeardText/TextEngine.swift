/// The listening engine's namespace. Pure Swift: no server, no database.
public enum TextEngine {
    public static let formatVersion = 1
}
