/// L2-regularised, squared-hinge linear SVM trained by dual coordinate descent (the LIBLINEAR method).
///
/// Chosen over SGD because it converges in a few passes without a learning rate to tune, and is
/// deterministic for a given visiting order — so training is reproducible for a seed.
struct LinearSVM {
    var regularisation: Float
    var maximumPasses = 60
    var tolerance: Float = 0.05

    /// Trains one binary head. `positive[i]` is the label of matrix row `rows[i]`.
    /// Returns weights (one per column) and a bias (trained as a feature fixed at 1).
    func train(
        _ matrix: SparseMatrix, rows: [Int], positive: [Bool], columnCount: Int, positiveWeight: Float,
        columnScale: [Float]? = nil, generator: inout SeededGenerator
    ) -> (weights: [Float], bias: Float) {
        // A column scale (e.g. naive-Bayes log-count ratios) is applied to the values on the fly; the
        // returned weights already include it, so prediction needs no scale.
        let scale = columnScale ?? [Float](repeating: 1, count: columnCount)
        var scaledValues = matrix.values
        for entry in 0..<scaledValues.count { scaledValues[entry] *= scale[Int(matrix.columns[entry])] }
        var weights = [Float](repeating: 0, count: columnCount)
        var bias: Float = 0
        let count = rows.count
        guard count > 0 else { return (weights, 0) }
        var alpha = [Float](repeating: 0, count: count)
        var diagonal = [Float](repeating: 0, count: count)
        var quadratic = [Float](repeating: 0, count: count)
        var sign = [Float](repeating: 0, count: count)
        for index in 0..<count {
            let row = rows[index]
            var norm: Float = 1  // the bias feature
            for entry in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                norm += scaledValues[entry] * scaledValues[entry]
            }
            let cost = positive[index] ? regularisation * positiveWeight : regularisation
            diagonal[index] = 0.5 / cost
            quadratic[index] = norm + diagonal[index]
            sign[index] = positive[index] ? 1 : -1
        }
        var order = Array(0..<count)
        matrix.columns.withUnsafeBufferPointer { columns in
            scaledValues.withUnsafeBufferPointer { values in
                weights.withUnsafeMutableBufferPointer { weights in
                    for _ in 0..<maximumPasses {
                        order.shuffle(using: &generator)
                        var largest = -Float.infinity
                        var smallest = Float.infinity
                        for index in order {
                            let row = rows[index]
                            let start = matrix.rowOffsets[row]
                            let end = matrix.rowOffsets[row + 1]
                            var margin = bias
                            for entry in start..<end { margin += weights[Int(columns[entry])] * values[entry] }
                            let gradient = sign[index] * margin - 1 + alpha[index] * diagonal[index]
                            let projected = alpha[index] == 0 ? min(gradient, 0) : gradient
                            largest = max(largest, projected)
                            smallest = min(smallest, projected)
                            guard projected != 0 else { continue }
                            let old = alpha[index]
                            alpha[index] = max(old - gradient / quadratic[index], 0)
                            let step = (alpha[index] - old) * sign[index]
                            guard step != 0 else { continue }
                            for entry in start..<end { weights[Int(columns[entry])] += step * values[entry] }
                            bias += step
                        }
                        if largest - smallest < tolerance { break }
                    }
                }
            }
        }
        for column in 0..<columnCount { weights[column] *= scale[column] }
        return (weights, bias)
    }
}
