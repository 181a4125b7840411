/// The type of a named entity: an open set of strings (`PER`, `LOC`, `Nation`, ...).
///
/// Types compare by their name; the set is open so that a gold set with its own
/// inventory (ANERcorp's `PERS`, Wojood's 21 types) is read as it is and mapped
/// afterwards, never rejected.
public struct EntityType: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral, Codable {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    public static func < (lhs: EntityType, rhs: EntityType) -> Bool { lhs.name < rhs.name }

    public init(from decoder: any Decoder) throws {
        self.name = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public static let person: EntityType = "PER"
    public static let location: EntityType = "LOC"
    public static let organization: EntityType = "ORG"
    public static let miscellaneous: EntityType = "MISC"
    public static let date: EntityType = "DATE"

    /// The five types Mizan's extractor produces, in report order.
    public static let mizanTypes: [EntityType] = [.person, .location, .organization, .miscellaneous, .date]
}
