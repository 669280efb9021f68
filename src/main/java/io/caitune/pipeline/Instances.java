package io.caitune.pipeline;

import io.caitune.config.CaiConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process's name in sample claims: {@code cai.pipeline.instance-id}, else the host name. */
final class Instances {

    private Instances() {
    }

    static String id(CaiConfig config) {
        return config.pipeline().instanceId().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        });
    }
}
