package dev.parley.directory.work;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code availability} field of a Work contact: base64 of the {@code d2d_sync.WorkAvailabilityStatus}
 * inside the {@code directory.WorkProperties} that the contact's client uploaded (field 1). Clients
 * read a missing field as "no status", so a status with category NONE (0) and no description, or
 * properties that do not parse, give no field at all rather than something a client cannot read.
 */
final class WorkAvailability {

    private static final int PROPERTIES_AVAILABILITY = 1;
    private static final int STATUS_CATEGORY = 1;
    private static final int STATUS_DESCRIPTION = 2;

    private WorkAvailability() {
    }

    static Optional<String> fromProperties(byte[] properties) {
        if (properties == null) {
            return Optional.empty();
        }
        try {
            byte[] status = null;
            CodedInputStream in = CodedInputStream.newInstance(properties);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == PROPERTIES_AVAILABILITY
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    status = in.readByteArray();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return status != null && isSet(status) ? Optional.of(Base64.getEncoder().encodeToString(status)) : Optional.empty();
        } catch (IOException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isSet(byte[] status) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(status);
        long category = 0;
        boolean description = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == STATUS_CATEGORY && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                category = in.readUInt64();
            } else if (field == STATUS_DESCRIPTION && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                description = !in.readStringRequireUtf8().isEmpty();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return category != 0 || description;
    }
}
