using System.Collections.Immutable;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>Index searches that <see cref="ImmutableArray{T}"/> lacks.</summary>
internal static class ImmutableArrayIndexes
{
    public static int FindIndex<T>(this ImmutableArray<T> array, Func<T, bool> match)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (match(array[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public static int FindLastIndex<T>(this ImmutableArray<T> array, Func<T, bool> match)
    {
        for (var i = array.Length - 1; i >= 0; i--)
        {
            if (match(array[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
