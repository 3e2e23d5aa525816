/// The version of Cairn, as `cairn --version` prints it.
public enum CairnVersion {
    public static let current = "0.14.0"
}
