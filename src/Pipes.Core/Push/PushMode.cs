namespace Pipes.Core.Push;

/// <summary>How a destination treats Amplitude identities it has not seen before.</summary>
public enum PushMode
{
    /// <summary>Only user-property updates (<c>$identify</c>); Amplitude counts a user only from its next real event.</summary>
    UpdateOnly,

    /// <summary>Reserved for creating users; today it sends the same <c>$identify</c> events as <see cref="UpdateOnly"/>.</summary>
    Create,
}
