import Foundation

/// The document properties Excel shows under File ▸ Info.
///
/// `created` is also what makes output reproducible: libxlsxwriter otherwise
/// stamps the current time, and with a fixed `created` the same content gives
/// a byte-identical file (zip entries carry a fixed 1980 date), which golden
/// tests rely on.
public struct XLSXDocumentProperties: Hashable, Sendable {
    public var title: String?
    public var subject: String?
    public var author: String?
    public var company: String?
    public var category: String?
    public var keywords: String?
    public var comments: String?
    /// Creation time, whole seconds. libxlsxwriter reads 0 as "now", so times
    /// at or before 1970-01-01T00:00:00Z are written as 1970-01-01T00:00:01Z.
    public var created: Date

    public init(title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
                category: String? = nil, keywords: String? = nil, comments: String? = nil,
                created: Date = Date()) {
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.created = created
    }

    /// Seconds since 1970 as libxlsxwriter takes them (never 0).
    var createdSeconds: Int {
        let seconds = created.timeIntervalSince1970.rounded(.down)
        return seconds >= 1 ? Int(seconds) : 1
    }
}
