using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Ragex.Core.Embedding;

/// <summary>
/// Int8 dynamic quantization of a transformer encoder's ONNX graph, as ONNX Runtime's Python <c>quantize_dynamic</c>
/// does it (ONNX Runtime has no C# quantizer): every <c>MatMul</c> whose second input is a 2-D float weight becomes one
/// <c>com.microsoft.DynamicQuantizeMatMul</c> (ONNX Runtime's fused CPU kernel; activations quantized to uint8 at run
/// time) with symmetric int8 weights, one scale per output column (one per matrix, ONNX Runtime's default, lost too
/// much on arctic-embed-xs: cosine to the float vectors 0.986 instead of 0.998), and the bias <c>Add</c> that follows
/// folded in. MatMuls between activations (attention) and the embedding tables stay float. About half the CPU per
/// chunk. Deterministic: the same model gives the same bytes (weights rounded half to even).
/// </summary>
public static class OnnxQuantizer
{
    private const string ContribDomain = "com.microsoft";

    /// <summary>Writes the quantized model atomically; returns how many MatMuls were quantized.</summary>
    public static int Quantize(string inputPath, string outputPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(inputPath));
        var count = Quantize(model.Graph);
        if (!model.OpsetImport.Any(o => o.Domain == ContribDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = ContribDomain, Version = 1 });
        }

        var temporary = outputPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            model.WriteTo(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, outputPath, overwrite: true);
        return count;
    }

    private static int Quantize(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var outputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var readers = graph.Node.SelectMany(n => n.Input.Where(i => i.Length > 0).Select(i => (Input: i, Node: n)))
            .GroupBy(r => r.Input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Node).ToList(), StringComparer.Ordinal);
        var folded = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var nodes = new List<NodeProto>(graph.Node.Count);
        var added = new List<TensorProto>();
        var count = 0;
        foreach (var node in graph.Node.Where(n => !folded.Contains(n)))
        {
            if (node is not { OpType: "MatMul", Domain: "" or "ai.onnx", Input.Count: 2 }
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.DataType != (int)TensorProto.Types.DataType.Float || weight.Dims.Count != 2)
            {
                nodes.Add(node);
                continue;
            }

            var (values, scales, zeroPoints) = QuantizeWeight(weight);
            added.AddRange([values, scales, zeroPoints]);
            var fused = new NodeProto { Name = (node.Name.Length > 0 ? node.Name : node.Output[0]) + "_quant", OpType = "DynamicQuantizeMatMul", Domain = ContribDomain };
            fused.Input.AddRange([node.Input[0], values.Name, scales.Name, zeroPoints.Name]);
            var output = node.Output[0];
            if (!outputs.Contains(output) && readers.TryGetValue(output, out var next) && next is [{ OpType: "Add", Input.Count: 2 } add]
                && (add.Input[0] == output ? add.Input[1] : add.Input[0]) is var bias
                && initializers.TryGetValue(bias, out var biasTensor) && biasTensor.Dims.Count == 1 && biasTensor.Dims[0] == weight.Dims[1])
            {
                fused.Input.Add(bias);
                output = add.Output[0];
                folded.Add(add);
            }

            fused.Output.Add(output);
            nodes.Add(fused);
            count++;
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        var used = graph.Node.SelectMany(n => n.Input).Concat(outputs).ToHashSet(StringComparer.Ordinal);
        var kept = graph.Initializer.Where(t => used.Contains(t.Name)).Concat(added).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
        var produced = graph.Node.SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in graph.ValueInfo.Where(v => !produced.Contains(v.Name)).ToList())
        {
            graph.ValueInfo.Remove(stale);
        }

        return count;
    }

    /// <summary>Per output column c: scale = max|w[·, c]| / 127 (1 for a zero column), q = round(w / scale), zero point 0.</summary>
    private static (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints) QuantizeWeight(TensorProto weight)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var floats = weight.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray() : [.. weight.FloatData];
        if (floats.Length != rows * columns)
        {
            throw new InvalidDataException($"weight '{weight.Name}' holds {floats.Length} floats, not {rows} x {columns}");
        }

        var scales = new float[columns];
        var quantized = new byte[floats.Length];
        for (var c = 0; c < columns; c++)
        {
            var largest = 0f;
            for (var r = 0; r < rows; r++)
            {
                largest = Math.Max(largest, Math.Abs(floats[(r * columns) + c]));
            }

            scales[c] = largest > 0 ? largest / 127f : 1f;
            for (var r = 0; r < rows; r++)
            {
                var q = Math.Clamp(MathF.Round(floats[(r * columns) + c] / scales[c], MidpointRounding.ToEven), -127f, 127f);
                quantized[(r * columns) + c] = unchecked((byte)(sbyte)q);
            }
        }

        var values = new TensorProto { Name = weight.Name + "_quantized", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(quantized) };
        values.Dims.AddRange(weight.Dims);
        var scale = new TensorProto { Name = weight.Name + "_scale", DataType = (int)TensorProto.Types.DataType.Float };
        scale.Dims.Add(columns);
        scale.FloatData.AddRange(scales);
        var zero = new TensorProto { Name = weight.Name + "_zero_point", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(new byte[columns]) };
        zero.Dims.Add(columns);
        return (values, scale, zero);
    }
}
