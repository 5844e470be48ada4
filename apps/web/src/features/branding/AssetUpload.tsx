/**
 * A logo or favicon: pick or drop a file, checked here for type, size and (for bitmaps) pixels
 * before it is sent, then uploaded as base64. The server checks everything again, from the bytes,
 * and sanitises SVG; its refusal is shown as it says it.
 */
import { Box, Button, FileButton, Group, Image, Input, Stack, Text } from "@mantine/core";
import {
  BRAND_ASSET_EXTENSIONS,
  BRAND_ASSET_TYPES,
  type BrandAssetKind,
  type BrandAssetType,
  MAX_BRAND_ASSET_BYTES,
  MIN_FAVICON_SIDE_PX,
  MIN_LOGO_SIDE_PX,
  type UploadBrandAssetInput,
} from "@pc/shared";
import { IconPhoto, IconTrash, IconUpload } from "@tabler/icons-react";
import { type DragEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { i18n } from "../../i18n";
import { translateMessage } from "../../i18n/messages";
import { describeError } from "../../lib/describeError";
import { fieldErrors } from "../../lib/errors";
import type { BrandAsset, UploadedAsset } from "./branding.types";

interface AssetUploadProps {
  kind: BrandAssetKind;
  value: BrandAsset | null;
  onChange: (asset: BrandAsset | null) => void;
  upload: (input: UploadBrandAssetInput) => Promise<UploadedAsset>;
  /** A server error for this field from saving the draft. */
  error?: string;
}

const ACCEPT = BRAND_ASSET_TYPES.join(",");

function typeOf(file: File): BrandAssetType | null {
  const name = file.name.toLowerCase();
  const byName = BRAND_ASSET_TYPES.find((type) => BRAND_ASSET_EXTENSIONS[type].some((ending) => name.endsWith(ending)));
  if (!byName) return null;
  // Some systems send no type (or a generic one); the ending decides then, and the server checks the bytes.
  if (file.type && file.type !== "application/octet-stream" && file.type !== byName) return null;
  return byName;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("Could not read the file"));
    reader.readAsDataURL(file);
  });
}

function imageSize(file: File): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const image = new window.Image();
    image.onload = () => {
      resolve({ width: image.naturalWidth, height: image.naturalHeight });
      URL.revokeObjectURL(url);
    };
    image.onerror = () => {
      resolve(null);
      URL.revokeObjectURL(url);
    };
    image.src = url;
  });
}

/** Why a file cannot be used, before any upload; null when it may be sent. */
async function precheck(file: File, kind: BrandAssetKind): Promise<string | null> {
  const t = i18n.t.bind(i18n);
  const type = typeOf(file);
  if (!type) return t("branding.assets.wrongType");
  if (file.size > MAX_BRAND_ASSET_BYTES) return t("branding.assets.tooLarge", { size: formatBytes(file.size) });
  if (file.size === 0) return t("branding.assets.empty");
  if (type !== "image/svg+xml") {
    const size = await imageSize(file);
    if (!size) return t("branding.assets.unreadable");
    const minSide = kind === "logo" ? MIN_LOGO_SIDE_PX : MIN_FAVICON_SIDE_PX;
    if (Math.min(size.width, size.height) < minSide) {
      return t("branding.assets.tooSmall", { width: size.width, height: size.height, min: minSide });
    }
  }
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${Math.round((bytes / 1024) * 10) / 10} KB`;
}

const TYPE_NAMES: Record<string, string> = { "image/png": "PNG", "image/webp": "WebP", "image/svg+xml": "SVG" };

export function AssetUpload({ kind, value, onChange, upload, error }: AssetUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sanitized, setSanitized] = useState(false);
  const [dragging, setDragging] = useState(false);
  const label = t(`branding.assets.${kind}`);
  /** The kind inside a sentence ("Upload logo"). */
  const noun = t(`branding.assets.${kind}Lower`);

  async function take(file: File | null) {
    if (!file) return;
    setProblem(null);
    setSanitized(false);
    const refusal = await precheck(file, kind);
    if (refusal) {
      setProblem(refusal);
      return;
    }
    setBusy(true);
    try {
      const contentType = typeOf(file) as BrandAssetType;
      const asset = await upload({ kind, fileName: file.name, contentType, dataBase64: await readAsBase64(file) });
      setSanitized(asset.sanitized);
      const { sanitized: _dropped, ...stored } = asset;
      onChange(stored);
    } catch (cause) {
      const message = fieldErrors(cause).file?.[0];
      setProblem(message ? translateMessage(message) : describeError(cause));
    } finally {
      setBusy(false);
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0] ?? null);
  }

  const shownError = problem ?? error;
  const hint =
    kind === "logo"
      ? t("branding.assets.logoHint", { min: MIN_LOGO_SIDE_PX, max: formatBytes(MAX_BRAND_ASSET_BYTES) })
      : t("branding.assets.faviconHint", { min: MIN_FAVICON_SIDE_PX, max: formatBytes(MAX_BRAND_ASSET_BYTES) });

  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={hint}
      error={shownError}
      errorProps={{ role: "alert" }}
      inputWrapperOrder={["label", "description", "input", "error"]}
    >
      <Box
        mt={6}
        p="sm"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          border: `1px dashed ${dragging ? "var(--mantine-primary-color-filled)" : "var(--mantine-color-default-border)"}`,
          borderRadius: "var(--mantine-radius-md)",
          background: dragging ? "var(--mantine-primary-color-light)" : undefined,
        }}
      >
        <Group gap="md" wrap="nowrap" align="center">
          <Box
            w={72}
            h={72}
            style={{
              flex: "0 0 auto",
              borderRadius: "var(--mantine-radius-sm)",
              display: "flex",
              alignItems: "center",
              justifyContent: "center",
              // A checkerboard, so a transparent logo shows its shape in either colour scheme.
              background: "repeating-conic-gradient(#d0d4d9 0% 25%, #f8f9fa 0% 50%) 50% / 12px 12px",
            }}
          >
            {value ? (
              <Image src={value.url} alt={t("branding.assets.current", { kind: noun })} fit="contain" w={64} h={64} />
            ) : (
              <IconPhoto size={28} color="#868e96" aria-hidden />
            )}
          </Box>
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            {value ? (
              <>
                <Text size="sm" fw={500} truncate>
                  {value.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {TYPE_NAMES[value.contentType] ?? value.contentType} · {value.width}×{value.height} · {formatBytes(value.byteSize)}
                </Text>
                {sanitized && (
                  <Text size="xs" c="dimmed">
                    {t("branding.assets.sanitized")}
                  </Text>
                )}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t("branding.assets.none", { kind: noun })}
              </Text>
            )}
            <Group gap="xs" mt={2}>
              <FileButton onChange={(file) => void take(file)} accept={ACCEPT}>
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="default"
                    loading={busy}
                    leftSection={<IconUpload size={14} />}
                    aria-label={value ? t("branding.assets.replaceKind", { kind: noun }) : t("branding.assets.uploadKind", { kind: noun })}
                  >
                    {value ? t("branding.assets.replace") : t("branding.assets.upload")}
                  </Button>
                )}
              </FileButton>
              {value && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  aria-label={t("branding.assets.removeKind", { kind: noun })}
                  onClick={() => {
                    setSanitized(false);
                    setProblem(null);
                    onChange(null);
                  }}
                >
                  {t("branding.assets.remove")}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t("branding.assets.dropHint")}
            </Text>
          </Stack>
        </Group>
      </Box>
    </Input.Wrapper>
  );
}
