package dev.parley.standalone;

public final class StandaloneLauncher {

    private StandaloneLauncher() {
    }

    public static void main(String[] args) {
        throw new IllegalStateException("standalone launcher is being assembled");
    }
}
