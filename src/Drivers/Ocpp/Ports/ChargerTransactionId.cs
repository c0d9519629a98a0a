using System.Globalization;
using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// A transaction's id as its charger knows it (docs/ocpp.md, "OCPP 2.0.1"): OCPP 1.6 an integer the
/// edge gave out, OCPP 2.0.1 the station's own string (1–36 characters). In JSON a 1.6 id stays a
/// number and a 2.0.1 id a string, also when it looks like a number.
/// </summary>
[JsonConverter(typeof(ChargerTransactionIdJsonConverter))]
public readonly record struct ChargerTransactionId
{
    private ChargerTransactionId(string text, bool isNumber)
    {
        Text = text;
        IsNumber = isNumber;
    }

    /// <summary>The id as text (a 1.6 number in its decimal form).</summary>
    public string Text { get; }

    /// <summary>True for an OCPP 1.6 id (an integer the edge gave out).</summary>
    public bool IsNumber { get; }

    /// <summary>The OCPP 1.6 integer; null for a 2.0.1 station's id.</summary>
    public int? Number => IsNumber ? int.Parse(Text, CultureInfo.InvariantCulture) : null;

    /// <summary>An OCPP 1.6 transaction id.</summary>
    public static ChargerTransactionId FromNumber(int id) => new(id.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>An OCPP 2.0.1 transaction id, as the station gave it.</summary>
    public static ChargerTransactionId FromStation(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new(id, false);
    }

    public override string ToString() => Text;
}
