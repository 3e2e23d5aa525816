internal import CClp

/// COIN-OR CLP's dual simplex on one ``AssignmentProgram``, kept between solves so that each
/// branch of ``ProgramSearch`` starts from the basis of the branch solved before it.
///
/// Floating point, and so never trusted on its own: ``DualCertificate`` checks every bound the
/// search relies on in exact arithmetic, and every assignment it finds is evaluated exactly.
/// CLP is deterministic and keeps no state between models, so each search owns its own.
final class SimplexSolver {
    enum Outcome {
        /// The optimum of the maximised column.
        case optimal(Double)
        /// CLP stopped without an optimum (infeasible, numerically troubled, out of iterations).
        case failed
    }

    private let model: UnsafeMutableRawPointer
    let columnCount: Int
    let rowCount: Int

    init(program: AssignmentProgram) {
        model = Clp_newModel()
        Clp_setLogLevel(model, 0)
        columnCount = program.columns.count
        rowCount = program.rowCount
        var starts: [CoinBigIndex] = [0]
        var rows: [Int32] = []
        var elements: [Double] = []
        for column in program.columns {
            for entry in column {
                rows.append(entry.row)
                elements.append(Double(entry.coefficient))
            }
            starts.append(CoinBigIndex(rows.count))
        }
        let lower = [Double](repeating: 0, count: columnCount)
        let upper = program.upper.map(\.doubleValue)
        // CLP minimises: the root's progress, negated.
        var objective = [Double](repeating: 0, count: columnCount)
        objective[program.objectiveColumn] = -1
        let rowLower = [Double](repeating: -Double.infinity, count: rowCount)
        let rowUpper = program.rowBound.map(Double.init)
        Clp_loadProblem(model, Int32(columnCount), Int32(rowCount), starts, rows, elements,
                        lower, upper, objective, rowLower, rowUpper)
        // A branch's solve is short; a long one means trouble, and the search then stops.
        Clp_setMaximumIterations(model, Int32(clamping: 20 * (columnCount + rowCount) + 1_000))
    }

    deinit { Clp_deleteModel(model) }

    /// Sets every column's bounds (each array holds one value per column).
    func setBounds(lower: [Double], upper: [Double]) {
        Clp_chgColumnLower(model, lower)
        Clp_chgColumnUpper(model, upper)
    }

    /// Solves from the current basis (the first solve from none) and returns the maximum.
    func solve(first: Bool) -> Outcome {
        _ = first ? Clp_initialSolve(model) : Clp_dual(model, 0)
        guard Clp_status(model) == 0 else { return .failed }
        let objective = Clp_getObjValue(model)
        guard objective.isFinite else { return .failed }
        return .optimal(-objective)
    }

    /// The last solve's value of every column.
    var columnValues: [Double] {
        guard let values = Clp_getColSolution(model) else { return [] }
        return Array(UnsafeBufferPointer(start: values, count: columnCount))
    }

    /// The last solve's dual value of every row (≤ 0 for a binding `≤` row of a minimisation).
    var rowDuals: [Double] {
        guard let duals = Clp_getRowPrice(model) else { return [] }
        return Array(UnsafeBufferPointer(start: duals, count: rowCount))
    }
}
