package dev.parley.mediator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code parley.mediator}, checked at start-up; the module README documents each property. */
@ConfigurationProperties("parley.mediator")
@Validated
public record MediatorProperties(
        @Valid @NotNull Database database,
        @Valid @NotNull Redis redis,
        @Valid @NotNull Internal internal,
        @Valid @DefaultValue Devices devices,
        @Valid @DefaultValue Reflection reflection,
        @Valid @DefaultValue Leader leader,
        @Valid @DefaultValue Transactions transactions,
        @Valid @DefaultValue Chat chat,
        @Valid @DefaultValue Rendezvous rendezvous) {

    /** PostgreSQL: the schema this service owns; Flyway creates and migrates it. */
    public record Database(@NotNull @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema) {
    }

    /** Redis: every key this service writes starts with {@code keyPrefix}, so services can share one Redis. */
    public record Redis(@NotBlank String keyPrefix) {
    }

    /**
     * Device slots and connections: how many slots a group may have (the first device and five
     * more by default), how long an unused persistent slot lives, how long a device may take from
     * opening the WebSocket to its ClientHello, and after how long without any frame from the
     * device (pongs count) it is closed with 4013. The mediator pings every {@code pingInterval}.
     * A device that stops reading may have {@code maxOutboundBytes} waiting for it; past half of
     * that, ephemeral reflections to it are dropped, and past all of it, it is closed with 4013.
     */
    public record Devices(@DefaultValue("6") @Min(1) @Max(64) int maxSlots,
                          @DefaultValue("90d") @NotNull Duration slotExpiry,
                          @DefaultValue("10s") @NotNull Duration handshakeTimeout,
                          @DefaultValue("30s") @NotNull Duration pingInterval,
                          @DefaultValue("100s") @NotNull Duration idleTimeout,
                          @DefaultValue("8388608") @Min(262144) int maxOutboundBytes) {
    }

    /**
     * Reflection queues: how long a reflected message waits for its device, how many may wait
     * per device before the slot is closed with 4114, how many one database read delivers, how
     * many a device may have unacknowledged, and how often expired ones are deleted. A device's
     * reflects waiting to be stored may add up to {@code maxPendingBytes}; beyond that the mediator
     * reads nothing more from it until they are stored (the device's own TCP window fills).
     */
    public record Reflection(@DefaultValue("14d") @NotNull Duration ttl,
                             @DefaultValue("100000") @Min(1) int maxQueueLength,
                             @DefaultValue("200") @Min(1) int deliveryBatch,
                             @DefaultValue("1000") @Min(1) int maxInFlight,
                             @DefaultValue("5m") @NotNull Duration expirySweep,
                             @DefaultValue("1048576") @Min(65536) int maxPendingBytes) {
    }

    /**
     * The leader lease in Redis: how long it lives without renewal (a crashed node's leader is
     * replaced after at most this long) and how often holders renew and other nodes look for a
     * vacant lease.
     */
    public record Leader(@DefaultValue("15s") @NotNull Duration leaseTtl,
                         @DefaultValue("5s") @NotNull Duration renewInterval) {
    }

    /**
     * Transaction locks: the TTL granted when a device asks for 0 or for more than this, and how
     * many reflects (and bytes of them) one transaction may hold back until commit.
     */
    public record Transactions(@DefaultValue("60s") @NotNull Duration maxTtl,
                               @DefaultValue("1000") @Min(1) int maxReflects,
                               @DefaultValue("8388608") @Min(65536) int maxStagedBytes) {
    }

    /** The chat gateway's CSP listener that the leader's proxied connection goes to. */
    public record Chat(@DefaultValue("localhost") @NotBlank String host,
                       @DefaultValue("5222") @Min(1) @Max(65535) int port,
                       @DefaultValue("5s") @NotNull Duration connectTimeout) {
    }

    /**
     * The rendezvous relay: how long the first device waits for its peer (4003), how long a
     * paired connection may stay silent, how many bytes may wait for a slow peer before the pair
     * is closed, and how many relay connections one IP address may hold.
     */
    public record Rendezvous(@DefaultValue("60s") @NotNull Duration peerTimeout,
                             @DefaultValue("120s") @NotNull Duration idleTimeout,
                             @DefaultValue("1048576") @Min(65536) int maxBufferedBytes,
                             @DefaultValue("16") @Min(1) int maxConnectionsPerIp) {
    }

    /** The internal API on the management port: callers present {@code apiSecret} as a bearer token. */
    public record Internal(@NotBlank @Size(min = 32) String apiSecret) {

        @Override
        public String toString() {
            return "Internal[apiSecret=<redacted>]";
        }
    }
}
