// The product catalogue: every product by SKU, filtered by category and by text (SKU or
// description, asked of the server) and, when asked, with the discontinued ones —
// all kept in the URL (`?category=…&q=…&discontinued=1`). Those who keep the catalogue
// (`inventory.catalogue.write`) define products, revise them and discontinue them with a
// reason, each in a modal; a refusal stays in the form in the server's words.

import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { Page } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';
import { Authorization, usePermissions } from '@/lib/permissions/authorization';

import { useDefineProduct, useDiscontinueProduct, useReviseProduct } from '../api/catalogue-commands';
import { useProducts, useVendors, type ProductRow } from '../api/get-products';
import { CatalogueTable } from '../components/catalogue-table';
import { CATEGORIES, ProductForm } from '../components/product-form';
import { DiscontinueForm } from '../components/discontinue-form';

type Open = { kind: 'define' } | { kind: 'revise'; product: ProductRow } | { kind: 'discontinue'; product: ProductRow } | null;

export function CatalogueRoute() {
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const text = params.get('q') ?? '';
  const withDiscontinued = params.get('discontinued') === '1';
  const [search] = useDebouncedValue(text, 300);
  const products = useProducts({ search, includeDiscontinued: withDiscontinued });
  const vendors = useVendors();
  const define = useDefineProduct();
  const revise = useReviseProduct();
  const discontinue = useDiscontinueProduct();
  const { can } = usePermissions();
  const canWrite = can('inventory.catalogue.write');
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const setFilter = (key: string, value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const vendorName = (id: string) => vendors.find((v) => v.id === id)?.name ?? id;
  const close = () => setOpen(null);
  const finished = (message: string) => {
    setDone(message);
    setOpen(null);
  };
  const start = (next: NonNullable<Open>) => {
    define.reset();
    revise.reset();
    discontinue.reset();
    setOpen(next);
  };
  const rows = (products.data?.products ?? []).filter((p) => !category || p.category === category);

  return (
    <Page
      title="Product catalogue"
      description="What the stores stock and sell: units, standard cost and sell price per stock unit (rand excl. VAT), VAT and the reorder rule."
      actions={
        <Authorization allowed="inventory.catalogue.write">
          <Stack gap={4} align="flex-end">
            <Button onClick={() => start({ kind: 'define' })}>Define product</Button>
            {done ? (
              <Text role="status" size="sm">
                {done}
              </Text>
            ) : null}
          </Stack>
        </Authorization>
      }
    >
      <Group align="flex-end">
        <NativeSelect label="Category" data={[{ value: '', label: 'All categories' }, ...CATEGORIES]} value={category} onChange={(e) => setFilter('category', e.currentTarget.value)} />
        <TextInput label="Search" placeholder="SKU or description" value={text} onChange={(e) => setFilter('q', e.currentTarget.value)} />
        <Checkbox label="Show discontinued" checked={withDiscontinued} onChange={(e) => setFilter('discontinued', e.currentTarget.checked ? '1' : '')} mb={8} />
      </Group>
      <QueryState query={products} action="read the product catalogue" isEmpty={(d) => d.products.length === 0 && !search.trim()} empty="The catalogue has no products yet.">
        {() =>
          rows.length === 0 ? (
            <Empty>No products match.</Empty>
          ) : (
            <CatalogueTable
              rows={rows}
              vendorName={vendorName}
              onRevise={canWrite ? (product) => start({ kind: 'revise', product }) : undefined}
              onDiscontinue={canWrite ? (product) => start({ kind: 'discontinue', product }) : undefined}
            />
          )
        }
      </QueryState>
      {/* One modal per command: its form starts afresh each time it opens. */}
      <Modal opened={open?.kind === 'define'} onClose={close} title="Define product" size="lg">
        <ProductForm
          vendors={vendors}
          submitting={define.isPending}
          error={define.error}
          onCancel={close}
          onSubmit={(input) => define.mutate(input, { onSuccess: () => finished(`Product ${input.sku} defined.`) })}
        />
      </Modal>
      <Modal opened={open?.kind === 'revise'} onClose={close} title={open?.kind === 'revise' ? `Revise ${open.product.sku}` : 'Revise'} size="lg">
        {open?.kind === 'revise' ? (
          <ProductForm
            key={open.product.sku}
            product={open.product}
            vendors={vendors}
            submitting={revise.isPending}
            error={revise.error}
            onCancel={close}
            onSubmit={(input) => revise.mutate({ input, updatedAt: open.product.updatedAt }, { onSuccess: () => finished(`Product ${input.sku} revised.`) })}
          />
        ) : null}
      </Modal>
      <Modal opened={open?.kind === 'discontinue'} onClose={close} title={open?.kind === 'discontinue' ? `Discontinue ${open.product.sku}` : 'Discontinue'}>
        {open?.kind === 'discontinue' ? (
          <DiscontinueForm
            key={open.product.sku}
            product={open.product}
            submitting={discontinue.isPending}
            error={discontinue.error}
            onCancel={close}
            onSubmit={(reason) => discontinue.mutate({ sku: open.product.sku, reason }, { onSuccess: () => finished(`Product ${open.product.sku} discontinued.`) })}
          />
        ) : null}
      </Modal>
    </Page>
  );
}
