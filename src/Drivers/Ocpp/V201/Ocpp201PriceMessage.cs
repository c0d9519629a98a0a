using System.Text;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// The price on an idle station's display as one SetDisplayMessage ([OCPP 2.0.1] Part 2, O01 "Set DisplayMessage"; docs/ocpp.md,
/// "The price on an idle 2.0.1 station"): always the same <see cref="Id"/>, so each new price replaces the last (O06 "Replace
/// DisplayMessage"); priority NormalCycle (it takes its turn with the station's own messages); state Idle (shown only while no
/// transaction runs, when the running cost has the display); shown from now until the price's next change, so a station whose edge
/// has gone drops a price that no longer holds.
/// </summary>
public static class Ocpp201PriceMessage
{
    /// <summary>The price's message id on every station, fixed so that a price left by the edge's last run is replaced too (the edge sets no other display message).</summary>
    public const int Id = 7301;

    public const string Priority = "NormalCycle";

    public const string State = "Idle";

    /// <summary>The message for <paramref name="price"/>, or why <paramref name="display"/> cannot show it (then null).</summary>
    public static (SetDisplayMessageRequest? Request, string? Unsupported) Build(Ocpp201DisplayMessages display, OcppShownPrice price, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(price);
        if (display.Slots is < 1)
        {
            return (null, "NumberOfDisplayMessages.maxLimit is 0");
        }

        if (!Ocpp201DisplayMessages.Supports(display.Priorities, Priority))
        {
            return (null, $"priority {Priority} is not among its SupportedPriorities ({string.Join(",", display.Priorities!)})");
        }

        // UTF8 where supported; else ASCII, with what ASCII lacks (a currency sign, a tariff name's letters) as '?'.
        MessageContent content;
        if (Ocpp201DisplayMessages.Supports(display.Formats, "UTF8"))
        {
            content = Ocpp201CostDisplay.Message(price.Text);
        }
        else if (Ocpp201DisplayMessages.Supports(display.Formats, "ASCII"))
        {
            content = Ocpp201CostDisplay.Message(Ascii(price.Text)) with { Format = "ASCII" };
        }
        else
        {
            return (null, $"neither UTF8 nor ASCII is among its SupportedFormats ({string.Join(",", display.Formats!)})");
        }

        return (new SetDisplayMessageRequest(new MessageInfo(Id, Priority, content, State, now.ToUniversalTime(), price.Until.ToUniversalTime())), null);
    }

    private static string Ascii(string text)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            ascii.Append(rune.IsAscii ? (char)rune.Value : '?');
        }

        return ascii.ToString();
    }
}
