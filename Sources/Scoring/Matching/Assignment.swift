/// A lexicographically ordered weight: the first component decides, the next
/// ones break ties. Vectors of integers under componentwise addition and
/// lexicographic order form an ordered group, so the Hungarian algorithm works
/// on them exactly as on numbers, with no scaling and no rounding.
struct PairWeight: Comparable {
    var c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0

    static let zero = PairWeight()
    static let infinity = PairWeight(c0: Int.max / 4)

    @inline(__always)
    static func < (a: PairWeight, b: PairWeight) -> Bool {
        if a.c0 != b.c0 { return a.c0 < b.c0 }
        if a.c1 != b.c1 { return a.c1 < b.c1 }
        if a.c2 != b.c2 { return a.c2 < b.c2 }
        if a.c3 != b.c3 { return a.c3 < b.c3 }
        if a.c4 != b.c4 { return a.c4 < b.c4 }
        return a.c5 < b.c5
    }

    @inline(__always)
    static func + (a: PairWeight, b: PairWeight) -> PairWeight {
        PairWeight(c0: a.c0 + b.c0, c1: a.c1 + b.c1, c2: a.c2 + b.c2, c3: a.c3 + b.c3, c4: a.c4 + b.c4, c5: a.c5 + b.c5)
    }

    @inline(__always)
    static func - (a: PairWeight, b: PairWeight) -> PairWeight {
        PairWeight(c0: a.c0 - b.c0, c1: a.c1 - b.c1, c2: a.c2 - b.c2, c3: a.c3 - b.c3, c4: a.c4 - b.c4, c5: a.c5 - b.c5)
    }

    @inline(__always)
    static prefix func - (a: PairWeight) -> PairWeight { zero - a }
}

enum Assignment {
    /// A maximum-weight one-to-one matching between `rows` and `columns` where
    /// only pairs with a positive weight may be matched (`weight` returns nil for
    /// pairs that must not be). Returns, for each row, its column or -1.
    ///
    /// Hungarian algorithm with potentials on the rectangular matrix (rows ≤
    /// columns after transposing); pairs without an edge cost 0, so a maximum
    /// over the complete matrix is a maximum over the edges once those are
    /// dropped. Deterministic for a given order of rows and columns.
    /// Complexity: O(n² · m) for n = min(rows, columns), m = max.
    static func maximumWeightMatching(rows: Int, columns: Int, weight: (Int, Int) -> PairWeight?) -> [Int] {
        if rows == 0 || columns == 0 { return Array(repeating: -1, count: rows) }
        let transpose = rows > columns
        let n = transpose ? columns : rows
        let m = transpose ? rows : columns
        // cost[i][j], 1-based, i in 1...n, j in 1...m: the negated weight.
        var cost = [PairWeight](repeating: .zero, count: (n + 1) * (m + 1))
        var edge = [Bool](repeating: false, count: (n + 1) * (m + 1))
        for i in 1...n {
            for j in 1...m {
                let w = transpose ? weight(j - 1, i - 1) : weight(i - 1, j - 1)
                if let w {
                    cost[i * (m + 1) + j] = -w
                    edge[i * (m + 1) + j] = true
                }
            }
        }
        var u = [PairWeight](repeating: .zero, count: n + 1)
        var v = [PairWeight](repeating: .zero, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1)
        var way = [Int](repeating: 0, count: m + 1)
        var minv = [PairWeight](repeating: .infinity, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            for j in 0...m { minv[j] = .infinity; used[j] = false }
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = PairWeight.infinity
                var j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[i0 * (m + 1) + j] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...m {
                    if used[j] {
                        u[p[j]] = u[p[j]] + delta
                        v[j] = v[j] - delta
                    } else {
                        minv[j] = minv[j] - delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: -1, count: rows)
        for j in 1...m where p[j] != 0 {
            let i = p[j]
            guard edge[i * (m + 1) + j] else { continue }
            if transpose { result[j - 1] = i - 1 } else { result[i - 1] = j - 1 }
        }
        return result
    }
}
