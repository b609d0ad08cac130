package dev.parley.standalone.services;

import java.nio.file.Path;

/** What the launcher started or generated before the services, and hands to each of them. */
public record SharedInfrastructure(
        String jdbcUrl,
        String databaseUser,
        String databasePassword,
        String redisHost,
        int redisPort,
        String internalApiSecret,
        String authTokenSecret,
        Path chatServerKeyFile,
        Path oppfSigningKeyFile) {

    @Override
    public String toString() {
        return "SharedInfrastructure[" + jdbcUrl + ", redis " + redisHost + ":" + redisPort + "]";
    }
}
