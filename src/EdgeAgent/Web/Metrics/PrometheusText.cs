using System.Globalization;
using System.Text;

namespace ChargeNet.EdgeAgent.Web.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4): HELP, TYPE, then samples.</summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').AppendJoin(',', labels.Select(l => l.Name + "=\"" + Escape(l.Value) + "\"")).Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
