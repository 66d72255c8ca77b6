package app

import (
	"image"
	_ "image/jpeg" // thumbnails and working copies are JPEG
	"os"
	"sync"

	"fyne.io/fyne/v2"
)

// thumbCache decodes thumbnails off the UI goroutine and keeps the recent
// ones, so scrolling through thousands of photos never blocks the window:
// the grid only asks for what is visible.
type thumbCache struct {
	mu      sync.Mutex
	images  map[string]image.Image
	loading map[string]bool
}

const thumbCacheMax = 600

func newThumbCache() *thumbCache {
	return &thumbCache{images: map[string]image.Image{}, loading: map[string]bool{}}
}

// get returns the decoded image, or nil and calls ready on the UI goroutine
// once it has been decoded.
func (c *thumbCache) get(path string, ready func(image.Image)) image.Image {
	return c.load(path, func() image.Image { return decodeFile(path) }, ready)
}

// load is get for images that must be made before they are decoded (a
// thumbnail with its annotation marks drawn): key names the result, and
// produce runs off the UI goroutine like the decoding.
func (c *thumbCache) load(key string, produce func() image.Image, ready func(image.Image)) image.Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	if img, ok := c.images[key]; ok {
		return img
	}
	if c.loading[key] {
		return nil
	}
	c.loading[key] = true
	go func() {
		img := produce()
		c.mu.Lock()
		if len(c.images) >= thumbCacheMax {
			c.images = map[string]image.Image{}
		}
		c.images[key] = img
		delete(c.loading, key)
		c.mu.Unlock()
		fyne.Do(func() { ready(img) })
	}()
	return nil
}

func decodeFile(path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil
	}
	return img
}
